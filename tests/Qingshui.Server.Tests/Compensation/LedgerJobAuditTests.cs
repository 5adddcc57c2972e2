using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Presets;
using Qingshui.Server.Tests.Accounts;
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

    [Fact]
    public async Task LedgerJob_FindingLateDataAfterSignOff_ProposesAnAdjustment_AuditedAsTheEngine()
    {
        // Given March 2024 decided as met and signed by both parties over the web, on a server whose ledger job runs every 200 ms
        await using TestHost host = await LedgerDesk.StartAsync(ledgerInterval: TimeSpan.FromMilliseconds(200));
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-finance");
        Assert.Equal(HttpStatusCode.OK, (await hunan.DecideAsync("2024-03")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hunan.ConfirmAsync("2024-03")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await jiangxi.ConfirmAsync("2024-03")).StatusCode);

        // When March's readings arrive late
        await LedgerDesk.SendJinyushiAsync(host, new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.FromHours(8)), 31 * 24);

        // Then the job, with nobody asking, proposes the correction, and the audit log says the engine did
        Ledger ledger = await LedgerDesk.LedgerAsync(host);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (ledger.PendingAdjustments.Count == 0 && !deadline.IsCancellationRequested)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            ledger = await LedgerDesk.LedgerAsync(host);
        }

        Assert.Equal("2024-03", Assert.Single(ledger.PendingAdjustments).Corrected.ToString());
        IReadOnlyList<AuditEntry> entries = await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 1000, TestContext.Current.CancellationToken);
        // (a run in the middle of the upload may propose from part of March; the next run's proposal supersedes it)
        AuditRecord[] proposed = [.. entries.Select(e => e.Record).Where(r => r.After?.Contains("\"kind\":\"AdjustmentProposed\"", StringComparison.Ordinal) == true)];
        Assert.NotEmpty(proposed);
        Assert.All(proposed, r => Assert.Equal((AuditActor.EngineName, "", "ledger.recompute", "lushui-2019/2024", (string?)null),
            (r.Actor, r.Organisation, r.Action, r.Target, r.RemoteAddress)));
    }
}
