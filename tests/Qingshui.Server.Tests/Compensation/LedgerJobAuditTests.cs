using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Presets;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Tests.Compensation;

public sealed class LedgerJobAuditTests
{
    [Fact]
    public async Task LedgerJob_RecordingAccounts_IsAuditedAsTheEngine()
    {
        // Given a server keeping the books of an agreement whose term covers the last year
        Agreement agreement = AgreementFile.Parse(AgreementPresets.Text("lushui-2019")!.Replace("\"to\": \"2022-06\"", "\"to\": \"2099-12\"", StringComparison.Ordinal)).Agreement!;
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { Agreements = [agreement], LedgerInterval = TimeSpan.FromHours(1) });
        var audit = host.Server.Services.GetRequiredService<IAuditStore>();

        // When its ledger job has run once
        IReadOnlyList<AuditEntry> entries = [];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (entries.Count == 0 && !deadline.IsCancellationRequested)
        {
            entries = await audit.ReadAsync(0, 10, TestContext.Current.CancellationToken);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        // Then what it recorded is in the audit log, by the engine, with no remote address
        AuditEntry first = Assert.IsType<AuditEntry>(entries.Count > 0 ? entries[0] : null);
        Assert.Equal((AuditActor.EngineName, "", "ledger.recompute", AuditOutcome.Done, (string?)null),
            (first.Record.Actor, first.Record.Organisation, first.Record.Action, first.Record.Outcome, first.Record.RemoteAddress));
        Assert.StartsWith("lushui-2019/", first.Record.Target, StringComparison.Ordinal);
    }
}
