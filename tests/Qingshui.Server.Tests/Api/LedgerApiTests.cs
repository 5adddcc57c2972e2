using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Compensation;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Tests.Api;

public sealed partial class LedgerApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Period March => LedgerJson.ParsePeriod("2024-03");

    [Fact]
    public async Task Ledger_OverHttp_EachFinanceSignsOnlyItsOwnSide_YearClosesOnlyAfterBoth_AndTheAuditShowsWho()
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-finance");

        // Hunan's finance records the joint meeting's decision on March (no data) and confirms its own side
        Assert.Equal(HttpStatusCode.OK, (await hunan.DecideAsync("2024-03")).StatusCode);
        HttpResponseMessage confirmed = await hunan.ConfirmAsync("2024-03");
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(LedgerDesk.Lushui.Id, (await confirmed.BodyAsync()).GetProperty("agreement").GetString());
        Assert.Equal(["hunan"], (await LedgerDesk.LedgerAsync(host)).ConfirmationsOf(March).Keys);

        // Jiangxi's finance cannot confirm Hunan's side: 403 naming both sides, and the refusal is audited with who and where from
        HttpResponseMessage forged = await jiangxi.ConfirmAsync("2024-04", party: "hunan");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        string detail = (await forged.BodyAsync()).GetProperty("detail").GetString()!;
        Assert.Contains("'jiangxi'", detail, StringComparison.Ordinal);
        Assert.Contains("'hunan'", detail, StringComparison.Ordinal);
        AuditRecord refusal = (await AuditAsync(host))[^1].Record;
        Assert.Equal(("jx-finance", "jiangxi", "ledger.confirm", "lushui-2019/2024-04", AuditOutcome.Refused, "127.0.0.1"),
            (refusal.Actor, refusal.Organisation, refusal.Action, refusal.Target, refusal.Outcome, refusal.RemoteAddress));
        Assert.Empty((await LedgerDesk.LedgerAsync(host)).ConfirmationsOf(LedgerJson.ParsePeriod("2024-04")));

        // The year does not close while any month lacks a party's confirmation
        HttpResponseMessage early = await hunan.CloseAsync(2024);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("not confirmed by every party", (await early.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Once both parties confirmed every month, it closes
        for (int month = 1; month <= 12; month++)
        {
            string period = $"2024-{month:00}";
            if (month != 3)
            {
                Assert.Equal(HttpStatusCode.OK, (await jiangxi.DecideAsync(period)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await hunan.ConfirmAsync(period)).StatusCode);
            }

            Assert.Equal(HttpStatusCode.OK, (await jiangxi.ConfirmAsync(period)).StatusCode);
        }

        HttpResponseMessage closed = await hunan.CloseAsync(2024);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.True((await LedgerDesk.LedgerAsync(host)).IsSettled(2024));

        // And the audit log shows who did what, from where, under which organisation
        IReadOnlyList<AuditEntry> entries = await AuditAsync(host);
        Assert.Contains(entries, e => e.Record is { Actor: "hn-finance", Organisation: "hunan", Action: "ledger.confirm", Target: "lushui-2019/2024-03", Outcome: AuditOutcome.Done, RemoteAddress: "127.0.0.1" });
        Assert.Contains(entries, e => e.Record is { Actor: "hn-finance", Action: "ledger.decide", Target: "lushui-2019/2024-03", Outcome: AuditOutcome.Done });
        Assert.Contains(entries, e => e.Record is { Actor: "hn-finance", Action: "ledger.close", Target: "lushui-2019/2024", Outcome: AuditOutcome.Refused });
        AuditRecord close = entries[^1].Record;
        Assert.Equal(("hn-finance", "hunan", "ledger.close", AuditOutcome.Done), (close.Actor, close.Organisation, close.Action, close.Outcome));
        Assert.Equal(12, entries.Count(e => e.Record is { Actor: "jx-finance", Action: "ledger.confirm", Outcome: AuditOutcome.Done }));
    }

    [Fact]
    public async Task Confirm_UndeterminedMonth_Is409WithTheLedgersReason_AndAudited()
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");

        HttpResponseMessage response = await hunan.ConfirmAsync("2024-05");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("record a decision first", (await response.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        AuditRecord last = (await AuditAsync(host))[^1].Record;
        Assert.Equal(("hn-finance", "ledger.confirm", AuditOutcome.Refused), (last.Actor, last.Action, last.Outcome));
    }

    [Fact]
    public async Task Confirm_WithoutABody_ConfirmsTheUsersOwnParty()
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-finance");
        Assert.Equal(HttpStatusCode.OK, (await jiangxi.DecideAsync("2024-03")).StatusCode);

        HttpResponseMessage response = await jiangxi.PostAsync("/api/v1/agreements/lushui-2019/periods/2024-03/confirmations", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["jiangxi"], (await LedgerDesk.LedgerAsync(host)).ConfirmationsOf(March).Keys);
    }

    [Fact]
    public async Task Confirm_WithoutTheAntiforgeryHeader_Is403AndRecordsNothing()
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");
        Assert.Equal(HttpStatusCode.OK, (await hunan.DecideAsync("2024-03")).StatusCode);
        hunan.DefaultRequestHeaders.Remove(Qingshui.Server.Accounts.AccessProblems.AntiforgeryHeader);

        HttpResponseMessage response = await hunan.ConfirmAsync("2024-03");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty((await LedgerDesk.LedgerAsync(host)).ConfirmationsOf(March));
    }

    [Fact]
    public async Task Decide_ByTheJointOffice_Is403_NoPartyToTheAgreement()
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-coordinator");

        HttpResponseMessage response = await office.DecideAsync("2024-03");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("not a party to lushui-2019", (await response.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await LedgerDesk.LedgerAsync(host)).Decisions);
    }

    [Fact]
    public async Task Decide_BadOutcomeAndNoReason_Is400NamingBothFields()
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");

        HttpResponseMessage response = await hunan.PostAsync("/api/v1/agreements/lushui-2019/periods/2024-03/decisions",
            new StringContent("{\"outcome\": \"maybe\"}", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement errors = (await response.BodyAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("outcome", out _) && errors.TryGetProperty("reason", out _), errors.ToString());
    }

    private static async Task<IReadOnlyList<AuditEntry>> AuditAsync(TestHost host) =>
        await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 1000, Ct);
}
