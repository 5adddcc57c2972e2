using System.Net;
using System.Text.Json;
using Qingshui.Domain.Audit;
using Qingshui.Server.Tests.Accounts;

namespace Qingshui.Server.Tests.Api;

/// <summary>Adjustments after sign-off over the web: proposed by a recomputation, confirmed by each party for itself, then counted.</summary>
public sealed partial class LedgerApiTests
{
    private static readonly DateTimeOffset MarchStart = new(2024, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Ledger_OverHttp_TheStatementsContentHashChangesWithAnAdjustment_AndTheAuditShowsWhoMadeIt()
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-finance");
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-coordinator");

        // Given March without data, decided as met and signed by both parties: Hunan owes Jiangxi 1,000,000
        Assert.Equal(HttpStatusCode.OK, (await hunan.DecideAsync("2024-03")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hunan.ConfirmAsync("2024-03")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await jiangxi.ConfirmAsync("2024-03")).StatusCode);
        JsonElement signed = await hunan.StatementAsync(2024);
        Assert.Equal(("hunan", "jiangxi", 1_000_000m), Net(signed));

        // When March's readings arrive late (the simulation pollutes March at Jinyushi) and the coordinator has 2024 recomputed
        await LedgerDesk.SendJinyushiAsync(host, MarchStart, 31 * 24);
        HttpResponseMessage recompute = await office.RecomputeAsync(2024);

        // Then the change is a proposal booked in April, listed but not counted: the signed statement's content hash stands
        Assert.Equal(HttpStatusCode.OK, recompute.StatusCode);
        JsonElement proposed = await recompute.BodyAsync();
        JsonElement proposal = Assert.Single(proposed.GetProperty("proposedAdjustments").EnumerateArray());
        Assert.Equal(("2024-03", "2024-04"), (proposal.GetProperty("corrected").GetString(), proposal.GetProperty("appliedIn").GetString()));
        Assert.Equal(("jiangxi", "hunan", 2_000_000m), Transfer(Assert.Single(proposal.GetProperty("transfers").EnumerateArray())));
        Assert.Empty(proposal.GetProperty("confirmedBy").EnumerateObject());
        Assert.Equal(Hash(signed), Hash(proposed));
        Assert.Equal(0, proposed.GetProperty("adjustments").GetArrayLength());

        // Jiangxi's finance cannot confirm it for Hunan: 403, audited
        HttpResponseMessage forged = await jiangxi.ConfirmAsync("2024-03", party: "hunan");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        AuditRecord refusal = (await AuditAsync(host))[^1].Record;
        Assert.Equal(("jx-finance", "ledger.confirm", "lushui-2019/2024-03", AuditOutcome.Refused), (refusal.Actor, refusal.Action, refusal.Target, refusal.Outcome));

        // Hunan confirms its own side: still awaiting Jiangxi, still not counted
        HttpResponseMessage hunanSide = await hunan.ConfirmAsync("2024-03");
        Assert.Equal(HttpStatusCode.OK, hunanSide.StatusCode);
        JsonElement half = await hunanSide.BodyAsync();
        Assert.Equal("hn-finance", Assert.Single(half.GetProperty("proposedAdjustments").EnumerateArray()).GetProperty("confirmedBy").GetProperty("hunan").GetString());
        Assert.Equal(Hash(signed), Hash(half));

        // Jiangxi confirms its side: the adjustment counts once, the net turns, and so does the content hash
        HttpResponseMessage jiangxiSide = await jiangxi.ConfirmAsync("2024-03");
        Assert.Equal(HttpStatusCode.OK, jiangxiSide.StatusCode);
        JsonElement agreed = await jiangxiSide.BodyAsync();
        Assert.Equal(0, agreed.GetProperty("proposedAdjustments").GetArrayLength());
        Assert.Equal("2024-03", Assert.Single(agreed.GetProperty("adjustments").EnumerateArray()).GetProperty("corrected").GetString());
        Assert.Equal(("jiangxi", "hunan", 1_000_000m), Net(agreed));
        Assert.NotEqual(Hash(signed), Hash(agreed));
        Assert.Equal(Hash(agreed), Hash(await hunan.StatementAsync(2024)));
        Assert.Single((await LedgerDesk.LedgerAsync(host)).Adjustments);

        // And the audit shows who asked for the recomputation, that the engine proposed, and who confirmed for each side
        IReadOnlyList<AuditEntry> entries = await AuditAsync(host);
        AuditRecord asked = Assert.Single(entries, e => e.Record.Action == "ledger.recompute" && e.Record.Actor == "office-coordinator").Record;
        Assert.Equal(("joint-office", "lushui-2019/2024", AuditOutcome.Done, "127.0.0.1"), (asked.Organisation, asked.Target, asked.Outcome, asked.RemoteAddress));
        Assert.Contains("{\"kind\":\"AdjustmentProposed\",\"by\":\"engine\",\"period\":\"2024-03\",\"appliedIn\":\"2024-04\"", asked.After, StringComparison.Ordinal);
        foreach ((string who, string party) in new[] { ("hn-finance", "hunan"), ("jx-finance", "jiangxi") })
        {
            Assert.Contains(entries, e => e.Record is { Action: "ledger.confirm", Target: "lushui-2019/2024-03", Outcome: AuditOutcome.Done } r && r.Actor == who
                && r.After!.Contains($"{{\"kind\":\"AdjustmentConfirmed\",\"by\":\"{who}\",\"period\":\"2024-03\",\"party\":\"{party}\"", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Recompute_WithNothingChanged_AnswersTheStatement_AndIsAuditedAsWhoAsked()
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-finance");
        int events = (await LedgerDesk.LedgerAsync(host)).Events.Count;

        HttpResponseMessage response = await jiangxi.RecomputeAsync(2024);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2024, (await response.BodyAsync()).GetProperty("year").GetInt32());
        Assert.Equal(events, (await LedgerDesk.LedgerAsync(host)).Events.Count);
        AuditRecord last = (await AuditAsync(host))[^1].Record;
        Assert.Equal(("jx-finance", "jiangxi", "ledger.recompute", "lushui-2019/2024", AuditOutcome.Done, "{\"events\":[]}"),
            (last.Actor, last.Organisation, last.Action, last.Target, last.Outcome, last.After));
    }

    [Fact]
    public async Task Recompute_ByFinanceOfNoParty_Is403NamingTheParties_AndAudited()
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        await Members.AddAsync(host, "observer-finance", "observers", Domain.Access.Role.Finance);
        using HttpClient observer = await LedgerDesk.SignedInAsync(host, "observer-finance");

        HttpResponseMessage response = await observer.RecomputeAsync(2024);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("only a party's organisation (jiangxi, hunan)", (await response.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        AuditRecord last = (await AuditAsync(host))[^1].Record;
        Assert.Equal(("observer-finance", "ledger.recompute", "lushui-2019/2024", AuditOutcome.Refused), (last.Actor, last.Action, last.Target, last.Outcome));
    }

    [Fact]
    public async Task Recompute_YearOutsideTheTerm_Is400NamingYear()
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");

        HttpResponseMessage response = await hunan.RecomputeAsync(2030);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("outside the agreement's term", (await response.BodyAsync()).GetProperty("errors").GetProperty("year")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decide_ReasonLongerThanTheBound_Is400NamingReason_AndRecordsNothing()
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");

        HttpResponseMessage response = await hunan.PostAsync("/api/v1/agreements/lushui-2019/periods/2024-03/decisions", new StringContent(
            JsonSerializer.Serialize(new { outcome = "met", reason = new string('x', 1001) }), System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 1000", (await response.BodyAsync()).GetProperty("errors").GetProperty("reason")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty((await LedgerDesk.LedgerAsync(host)).Decisions);
    }

    [Fact]
    public async Task Confirm_ForAPartyTheAgreementDoesNotName_Is400NamingParty_AndNothingOfItIsAudited()
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");
        int entries = (await AuditAsync(host)).Count;
        string forged = new('g', 100_000);

        HttpResponseMessage response = await hunan.ConfirmAsync("2024-03", party: forged);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string problem = (await response.BodyAsync()).GetProperty("errors").GetProperty("party")[0].GetString()!;
        Assert.Contains("is not a party to lushui-2019 (jiangxi, hunan)", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(forged, problem, StringComparison.Ordinal);
        Assert.Equal(entries, (await AuditAsync(host)).Count);
    }

    private static string Hash(JsonElement statement) => statement.GetProperty("contentHash").GetString()!;

    private static (string, string, decimal) Net(JsonElement statement) => Transfer(statement.GetProperty("net"));

    private static (string, string, decimal) Transfer(JsonElement t) =>
        (t.GetProperty("payer").GetString()!, t.GetProperty("payee").GetString()!, t.GetProperty("amount").GetDecimal());
}
