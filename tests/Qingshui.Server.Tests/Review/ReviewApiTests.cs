using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Readings;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Compensation;
using static Qingshui.Server.Tests.Review.ReviewDeskHost;

namespace Qingshui.Server.Tests.Review;

public sealed class ReviewApiTests
{
    private static readonly Period MarchPeriod = Period.Containing(PeriodKind.Month, new DateOnly(2024, 3, 1));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<IReadOnlyList<AuditEntry>> AuditAsync(TestHost host) =>
        await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 10_000, Ct);

    private static async Task RecomputeAsync(TestHost host) =>
        await host.Server.Services.GetRequiredService<SettlementService>().RecomputeAsync(LedgerDesk.Lushui, 2024, Ct);

    [Fact]
    public async Task Invalidate_ThePollutedDayOfADraftMarch_TurnsTheMonthFromFailingToPassing()
    {
        await using TestHost host = await ReviewDeskHost.StartAsync();
        await WriteMarchAsync(host);
        await RecomputeAsync(host);
        Assert.Equal(WaterClass.IV, (await LedgerDesk.LedgerAsync(host)).AccountOf(MarchPeriod)!.Class);
        using HttpClient reviewer = await LedgerDesk.SignedInAsync(host, "jx-reviewer");

        HttpResponseMessage response = await reviewer.DecideAsync(JiangxiMn, PollutedDay, PollutedDay.AddDays(1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement answer = await response.BodyAsync();
        Assert.Equal(24, answer.GetProperty("decision").GetProperty("readings").GetInt32());
        Assert.Equal(["lushui-2019/2024"], answer.GetProperty("recomputed").EnumerateArray().Select(e => e.GetString()));
        PeriodAccount march = (await LedgerDesk.LedgerAsync(host)).AccountOf(MarchPeriod)!;
        Assert.Equal(WaterClass.II, march.Class);
        Assert.Equal(("hunan", "jiangxi", TransferBasis.TargetMet), (march.Transfers[0].Payer, march.Transfers[0].Payee, march.Transfers[0].Basis));
    }

    [Fact]
    public async Task Invalidate_ThePollutedDayAfterSignOff_IsAnAdjustmentCarryingTheReviewersReason()
    {
        // Given March failing at Jinyushi, its account signed by both parties
        await using TestHost host = await ReviewDeskHost.StartAsync();
        await WriteMarchAsync(host);
        await RecomputeAsync(host);
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-finance");
        Assert.Equal(HttpStatusCode.OK, (await hunan.ConfirmAsync("2024-03")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await jiangxi.ConfirmAsync("2024-03")).StatusCode);
        Assert.Equal(TransferBasis.TargetMissed, (await LedgerDesk.LedgerAsync(host)).AccountOf(MarchPeriod)!.Transfers[0].Basis);
        using HttpClient reviewer = await LedgerDesk.SignedInAsync(host, "jx-reviewer");

        // When Jiangxi's reviewer invalidates the polluted day with a reason
        HttpResponseMessage response = await reviewer.DecideAsync(JiangxiMn, PollutedDay, PollutedDay.AddDays(1));

        // Then the signed account stands, and the change is a proposed adjustment booked in April that names the review and its reason
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Ledger ledger = await LedgerDesk.LedgerAsync(host);
        Assert.Equal(PeriodState.Confirmed, ledger.StateOf(MarchPeriod));
        Adjustment adjustment = Assert.Single(ledger.PendingAdjustments);
        Assert.Equal((MarchPeriod, WaterClass.IV, WaterClass.II), (adjustment.Corrected, adjustment.Before.Class, adjustment.After.Class));
        Transfer transfer = Assert.Single(adjustment.Transfers);
        Assert.Equal(("hunan", "jiangxi", 2_000_000m), (transfer.Payer, transfer.Payee, transfer.Amount));
        Assert.Contains("review by jx-reviewer (jiangxi) of 360300A00000000000000201 w21003 2024-03-10 00:00–2024-03-11 00:00", transfer.Detail, StringComparison.Ordinal);
        Assert.Contains("invalidate (instrument-fault: ammonia electrode fouled after the flood)", transfer.Detail, StringComparison.Ordinal);

        // And the value before the decision is still there, as the reading's earlier revision
        StoredReading before = Assert.Single(await host.Store.RevisionsAsync(JiangxiMn, "w21003", ReadingKind.Hour, PollutedDay.AddHours(5), Ct));
        Assert.Equal((25m, true), (before.Reading.Value, before.Reading.Valid));
    }

    [Fact]
    public async Task Decide_HunanReviewerOnAJiangxiStation_Is403_AuditedAsRefused_AndChangesNothing()
    {
        await using TestHost host = await ReviewDeskHost.StartAsync();
        await WriteMarchAsync(host);
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-reviewer");

        HttpResponseMessage response = await hunan.DecideAsync(JiangxiMn, PollutedDay, PollutedDay.AddDays(1));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("reviews stations of its own jurisdiction only, and 360300A00000000000000201 is run by 'jiangxi'",
            (await response.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        AuditRecord last = (await AuditAsync(host))[^1].Record;
        Assert.Equal(("hn-reviewer", "hunan", "review.decide", AuditOutcome.Refused), (last.Actor, last.Organisation, last.Action, last.Outcome));
        Assert.StartsWith("360300A00000000000000201/w21003/2024-03-10T00:00+08:00", last.Target, StringComparison.Ordinal);
        Assert.All(await host.Store.ReadingsAsync(new ReadingQuery(JiangxiMn, "w21003", ReadingKind.Hour, PollutedDay, PollutedDay.AddDays(1)), Ct),
            r => Assert.Equal(0, r.Revision));
    }

    [Fact]
    public async Task ClosedMonth_RefusesDecisions_409_ReopenNeedsAReason_ThenDecisionsApplyAgain()
    {
        await using TestHost host = await ReviewDeskHost.StartAsync();
        await WriteMarchAsync(host);
        using HttpClient reviewer = await LedgerDesk.SignedInAsync(host, "jx-reviewer");

        HttpResponseMessage close = await reviewer.MonthStepAsync(JiangxiMn, "2024-03", "close");
        HttpResponseMessage refused = await reviewer.DecideAsync(JiangxiMn, PollutedDay, PollutedDay.AddDays(1));
        HttpResponseMessage noReason = await reviewer.MonthStepAsync(JiangxiMn, "2024-03", "reopen");
        HttpResponseMessage reopen = await reviewer.MonthStepAsync(JiangxiMn, "2024-03", "reopen", "the lab found the electrode fouled");
        HttpResponseMessage applied = await reviewer.DecideAsync(JiangxiMn, PollutedDay, PollutedDay.AddDays(1));

        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        Assert.Equal(("closed", false), ((await close.BodyAsync()).GetProperty("state").GetString(), (await close.BodyAsync()).GetProperty("provisional").GetBoolean()));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("2024-03 is closed by review: reopen it with a reason first", (await refused.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.BodyAsync()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal("reopened", (await reopen.BodyAsync()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        IReadOnlyList<AuditEntry> audit = await AuditAsync(host);
        Assert.Equal(["review.close/done", "review.decide/refused", "review.reopen/done", "review.decide/done"],
            audit.Where(e => e.Record.Action.StartsWith("review.", StringComparison.Ordinal))
                .Select(e => $"{e.Record.Action}/{(e.Record.Outcome == AuditOutcome.Done ? "done" : "refused")}"));
    }

    [Fact]
    public async Task Month_ShowsCompletenessOnReviewedData_AndReadingsStillToReview()
    {
        await using TestHost host = await ReviewDeskHost.StartAsync();
        await WriteMarchAsync(host, flagOnPollutedDay: "D");
        using HttpClient reviewer = await LedgerDesk.SignedInAsync(host, "jx-reviewer");
        JsonElement Ammonia(JsonElement month) => month.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("parameter").GetString() == "w21003");

        JsonElement before = await (await reviewer.GetAsync($"/api/v1/review/months/{JiangxiMn}/2024-03", Ct)).BodyAsync();
        await reviewer.DecideAsync(JiangxiMn, PollutedDay, PollutedDay.AddHours(6), "correct", 0.35m, "manual-sample", "lab value of the day");
        JsonElement after = await (await reviewer.GetAsync($"/api/v1/review/months/{JiangxiMn}/2024-03", Ct)).BodyAsync();

        Assert.Equal(("unreviewed", true), (before.GetProperty("state").GetString(), before.GetProperty("provisional").GetBoolean()));
        Assert.Equal((30, 20, 24, "2024-03-10"), (Ammonia(before).GetProperty("validDays").GetInt32(), Ammonia(before).GetProperty("requiredDays").GetInt32(),
            Ammonia(before).GetProperty("toReview").GetInt32(), Ammonia(before).GetProperty("incompleteDays")[0].GetString()));
        Assert.Equal((31, 18), (Ammonia(after).GetProperty("validDays").GetInt32(), Ammonia(after).GetProperty("toReview").GetInt32()));
    }

    [Fact]
    public async Task Queue_ListsStationMonthsWithWhatNeedsReview_FiltersAndPages()
    {
        await using TestHost host = await ReviewDeskHost.StartAsync();
        await WriteMarchAsync(host, flagOnPollutedDay: "D");
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");

        JsonElement all = await (await viewer.GetAsync("/api/v1/review/queue?month=2024-03&pageSize=2", Ct)).BodyAsync();
        JsonElement needs = await (await viewer.GetAsync("/api/v1/review/queue?month=2024-03&needs=1&operator=jiangxi&state=unreviewed", Ct)).BodyAsync();
        HttpResponseMessage bad = await viewer.GetAsync("/api/v1/review/queue?month=2024-13&pageSize=500", Ct);

        Assert.Equal((TestHost.Preset.Stations.Count, 2), (all.GetProperty("total").GetInt32(), all.GetProperty("rows").GetArrayLength()));
        JsonElement row = Assert.Single(needs.GetProperty("rows").EnumerateArray(), r => r.GetProperty("station").GetString() == JiangxiMn);
        Assert.Equal((24, "jinyushi", "unreviewed"), (row.GetProperty("toReview").GetInt32(), row.GetProperty("section").GetString(), row.GetProperty("state").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        JsonElement errors = (await bad.BodyAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("month", out _) && errors.TryGetProperty("pageSize", out _));
    }

    [Fact]
    public async Task Queue_KeptCounts_FollowDecisionsAndIngest()
    {
        await using TestHost host = await ReviewDeskHost.StartAsync();
        await WriteMarchAsync(host, flagOnPollutedDay: "D");
        using HttpClient reviewer = await LedgerDesk.SignedInAsync(host, "jx-reviewer");
        async Task<JsonElement> RowAsync(string mn) => (await (await reviewer.GetAsync("/api/v1/review/queue?month=2024-03&pageSize=200", Ct)).BodyAsync())
            .GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("station").GetString() == mn);
        int ValidDays(JsonElement row, string parameter) =>
            row.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("parameter").GetString() == parameter).GetProperty("validDays").GetInt32();

        int flagged = (await RowAsync(JiangxiMn)).GetProperty("toReview").GetInt32();
        int hunanBefore = ValidDays(await RowAsync(HunanMn), "w21003");
        await reviewer.DecideAsync(JiangxiMn, PollutedDay, PollutedDay.AddDays(1), action: "confirm", reason: "manual-sample");
        int afterDecision = (await RowAsync(JiangxiMn)).GetProperty("toReview").GetInt32();
        await LedgerDesk.SendJinyushiAsync(host, March.AddDays(4), 24);
        int hunanAfter = ValidDays(await RowAsync(HunanMn), "w21003");

        Assert.Equal((24, 0), (flagged, afterDecision));
        Assert.Equal((0, 1), (hunanBefore, hunanAfter));
    }

    [Fact]
    public async Task Decide_BadFields_Is400NamingEachField_AndAppliesNothing()
    {
        await using TestHost host = await ReviewDeskHost.StartAsync();
        using HttpClient reviewer = await LedgerDesk.SignedInAsync(host, "jx-reviewer");

        HttpResponseMessage badAction = await reviewer.DecideAsync(JiangxiMn, PollutedDay, PollutedDay.AddDays(1), action: "delete");
        HttpResponseMessage badRange = await reviewer.DecideAsync(JiangxiMn, PollutedDay, PollutedDay.AddDays(40), reason: "bored", value: 1m);

        Assert.Equal(HttpStatusCode.BadRequest, badAction.StatusCode);
        Assert.Contains("'delete' is not confirm, invalidate or correct", (await badAction.BodyAsync()).GetProperty("errors").GetProperty("action")[0].GetString(), StringComparison.Ordinal);
        JsonElement errors = (await badRange.BodyAsync()).GetProperty("errors");
        Assert.Equal(["reason", "to", "value"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Empty(await host.Server.Services.GetRequiredService<IReviewStore>().DecisionsAsync(JiangxiMn, null, March, March.AddYears(1), 10, Ct));
    }

    [Fact]
    public async Task Reasons_AreServedWithTheirNames_AndAreExactlyThoseADecisionAccepts()
    {
        await using TestHost host = await ReviewDeskHost.StartAsync();
        await WriteMarchAsync(host);
        using HttpClient reviewer = await LedgerDesk.SignedInAsync(host, "jx-reviewer");

        JsonElement reasons = await reviewer.GetFromJsonAsync<JsonElement>("/api/v1/review/reasons", Ct);
        string[] codes = [.. reasons.EnumerateArray().Select(r => r.GetProperty("code").GetString()!)];
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < codes.Length; i++)
        {
            HttpResponseMessage decided = await reviewer.DecideAsync(JiangxiMn, March.AddDays(i), March.AddDays(i + 1), action: "confirm", reason: codes[i]);
            statuses.Add(decided.StatusCode);
        }

        HttpResponseMessage unlisted = await reviewer.DecideAsync(JiangxiMn, March, March.AddDays(1), reason: "weather");

        Assert.Equal(["instrument-fault", "calibration", "maintenance", "interference", "manual-sample", "other"], codes);
        Assert.Equal(("仪器故障", "instrument fault"), (reasons[0].GetProperty("name").GetProperty("zh").GetString(), reasons[0].GetProperty("name").GetProperty("en").GetString()));
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.BadRequest, unlisted.StatusCode);
        Assert.Equal($"'weather' is not one of {string.Join(", ", codes)}", (await unlisted.BodyAsync()).GetProperty("errors").GetProperty("reason")[0].GetString());
    }
}
