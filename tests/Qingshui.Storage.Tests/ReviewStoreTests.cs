using System.Text;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;
using Qingshui.Storage.Audit;

namespace Qingshui.Storage.Tests;

public sealed class SqliteReviewStoreTests() : ReviewStoreTests(StoreBackend.Sqlite);

public sealed class PostgresReviewStoreTests() : ReviewStoreTests(StoreBackend.Postgres);

public abstract class ReviewStoreTests(StoreBackend backend) : BackendStoreTests<IReviewStore>(backend)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset March = new(2024, 3, 1, 0, 0, 0, Beijing);
    private static readonly DateTimeOffset DecidedAt = new(2024, 4, 2, 9, 0, 0, Beijing);
    private static readonly string[] OneLevel = ["jurisdiction"];

    // The readings decisions revise, and the audit log they are recorded in, are the same store's.
    private IReadingStore Readings => (IReadingStore)Store;

    private IAuditStore AuditLog => (IAuditStore)Store;

    private static Reading Hourly(DateTimeOffset start, decimal value, string flag = "N") =>
        new("M1", "w21003", ReadingKind.Hour, start, value, Unit.MilligramPerLitre, flag, flag == "N");

    private async Task WriteDayAsync(DateTimeOffset day, decimal value, string flag = "N") =>
        await Readings.WriteAsync([new IngestRecord(new RawPacket(day, "127.0.0.1:1", "M1", "2061", PacketVerdict.Accepted, null, Encoding.ASCII.GetBytes("p")),
            [.. Enumerable.Range(0, 24).Select(h => Hourly(day.AddHours(h), value, flag))])], Ct);

    private static ReviewDecision Decision(ReviewAction action, DateTimeOffset from, DateTimeOffset to, decimal? value = null) =>
        new("M1", "w21003", from, to, action, value, "instrument-fault", "drift after the storm", "hn-reviewer", "hunan", DecidedAt);

    private static AuditRecord Audit(ReviewDecision d, int readings) =>
        AuditRecord.Create(d.At, new AuditActor(d.By, d.Organisation, null), "review.decide", d.StationId, AuditOutcome.Done, null, null,
            readings.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Apply_InvalidateADay_RevisesEachReading_KeepsTheValueBefore_AndRecordsTheDecision()
    {
        await WriteDayAsync(March, 0.3m);
        await WriteDayAsync(March.AddDays(1), 9.5m);

        ReviewApplyResult result = await Store.ApplyAsync([Decision(ReviewAction.Invalidate, March.AddDays(1), March.AddDays(2))], Audit, Ct);

        Assert.Null(result.Refusal);
        Assert.Equal(24, Assert.Single(result.Decisions).Readings);
        IReadOnlyList<StoredReading> day = await Readings.ReadingsAsync(new ReadingQuery("M1", "w21003", ReadingKind.Hour, March, March.AddDays(2)), Ct);
        Assert.All(day.Take(24), r => Assert.True(r.Reading.Valid));
        Assert.All(day.Skip(24), r => Assert.Equal((false, 9.5m, 1, ReadingMarks.Reviewed), (r.Reading.Valid, r.Reading.Value, r.Revision, r.Reading.Marks)));
        StoredReading before = Assert.Single(await Readings.RevisionsAsync("M1", "w21003", ReadingKind.Hour, March.AddDays(1), Ct));
        Assert.Equal((true, 9.5m, 0), (before.Reading.Valid, before.Reading.Value, before.Revision));
        StoredReviewDecision recorded = Assert.Single(await Store.DecisionsAsync("M1", null, March, March.AddMonths(1), 10, Ct));
        Assert.Equal(Decision(ReviewAction.Invalidate, March.AddDays(1), March.AddDays(2)), recorded.Decision);
        Assert.Equal(("review.decide", "24"), ((await AuditLog.ReadAsync(0, 10, Ct))[^1].Record.Action, (await AuditLog.ReadAsync(0, 10, Ct))[^1].Record.After));
    }

    [Fact]
    public async Task Apply_Correct_SetsTheValueValid_AndARetransmissionDoesNotUndoIt()
    {
        await WriteDayAsync(March, 0.3m, "D");

        await Store.ApplyAsync([Decision(ReviewAction.Correct, March, March.AddHours(2), 0.41m)], Audit, Ct);
        await WriteDayAsync(March, 0.3m, "D");

        IReadOnlyList<StoredReading> hours = await Readings.ReadingsAsync(new ReadingQuery("M1", "w21003", ReadingKind.Hour, March, March.AddHours(3)), Ct);
        Assert.Equal([(0.41m, true), (0.41m, true), (0.3m, false)], hours.Select(h => (h.Reading.Value, h.Reading.Valid)));
    }

    [Fact]
    public async Task Decision_ByItsId_IsTheListedDecision_AndAnUnknownIdIsNull()
    {
        await WriteDayAsync(March, 0.3m, "D");
        await Store.ApplyAsync([Decision(ReviewAction.Correct, March, March.AddHours(2), 0.41m), Decision(ReviewAction.Invalidate, March.AddHours(3), March.AddHours(4))],
            Audit, Ct);

        IReadOnlyList<StoredReviewDecision> listed = await Store.DecisionsAsync("M1", null, March, March.AddDays(1), 10, Ct);
        StoredReviewDecision?[] one = [.. await Task.WhenAll(listed.Select(d => Store.DecisionAsync(d.Id, Ct)))];

        Assert.Equal(2, listed.Count);
        Assert.Equal(listed.Cast<StoredReviewDecision?>(), one);
        Assert.Null(await Store.DecisionAsync(listed.Max(d => d.Id) + 1, Ct));
    }

    [Fact]
    public async Task Apply_IntoAClosedMonth_AppliesNothingOfTheBatch_AndNamesTheMonth()
    {
        await WriteDayAsync(March, 0.3m);
        await WriteDayAsync(March.AddMonths(1), 0.3m);
        Assert.Null(await Store.StepAsync(new MonthReviewStep("M1", new DateOnly(2024, 4, 1), true, "hn-reviewer", "hunan", DecidedAt, ""), OneLevel,
            Audit(Decision(ReviewAction.Confirm, March, March.AddDays(1)), 0), Ct));

        ReviewApplyResult result = await Store.ApplyAsync(
            [Decision(ReviewAction.Invalidate, March, March.AddDays(1)), Decision(ReviewAction.Invalidate, March.AddMonths(1), March.AddMonths(1).AddDays(1))], Audit, Ct);

        Assert.Equal("M1 2024-04 is closed by review: reopen it with a reason first", result.Refusal);
        Assert.Empty(await Store.DecisionsAsync("M1", null, March, March.AddMonths(2), 10, Ct));
        Assert.All(await Readings.ReadingsAsync(new ReadingQuery("M1", null, null, March, March.AddDays(1)), Ct), r => Assert.True(r.Reading.Valid));
    }

    [Fact]
    public async Task Step_CloseReopenClose_FollowsTheState_AndRefusesWhatItDoesNotAllow()
    {
        var month = new DateOnly(2024, 3, 1);
        AuditRecord audit = Audit(Decision(ReviewAction.Confirm, March, March.AddDays(1)), 0);
        MonthReviewStep Step(bool closed, string reason = "") => new("M1", month, closed, "hn-reviewer", "hunan", DecidedAt, reason);

        string? reopenOpen = await Store.StepAsync(Step(false, "why"), OneLevel, audit, Ct);
        string? close = await Store.StepAsync(Step(true), OneLevel, audit, Ct);
        string? closeAgain = await Store.StepAsync(Step(true), OneLevel, audit, Ct);
        MonthReviewState closed = (await Store.MonthStatesAsync(month, month, Ct))[("M1", month)];
        string? reopen = await Store.StepAsync(Step(false, "instrument fault found later"), OneLevel, audit, Ct);

        Assert.Equal("M1 2024-03 is not closed (unreviewed): only a closed month is reopened", reopenOpen);
        Assert.Equal((null, "M1 2024-03 is already closed by review"), (close, closeAgain));
        Assert.Equal(MonthReviewState.Closed, closed);
        Assert.Null(reopen);
        Assert.Equal(MonthReviewState.Reopened, MonthReviewStates.Of(await Store.MonthStepsAsync("M1", month, Ct)));
        Assert.Empty(await Store.MonthStatesAsync(month.AddMonths(1), month.AddMonths(1), Ct));
    }

    [Fact]
    public async Task Step_TwoLevels_CloseInOrder_CountAsReviewedOnlyWhenBothClosed_AndReopeningTheLowerReopensTheHigher()
    {
        var month = new DateOnly(2024, 3, 1);
        string[] levels = ["city", "province"];
        AuditRecord audit = Audit(Decision(ReviewAction.Confirm, March, March.AddDays(1)), 0);
        MonthReviewStep Step(bool closed, int level, string reason = "") => new("M1", month, closed, "reviewer", "org", DecidedAt, reason, level);
        async Task<MonthReviewState> StateAsync() => (await Store.MonthStatesAsync(month, month, Ct)).GetValueOrDefault(("M1", month));
        await WriteDayAsync(March, 0.3m);

        string? provinceFirst = await Store.StepAsync(Step(true, 2), levels, audit, Ct);
        string? city = await Store.StepAsync(Step(true, 1), levels, audit, Ct);
        MonthReviewState afterCity = await StateAsync();
        ReviewApplyResult decidedAfterCity = await Store.ApplyAsync([Decision(ReviewAction.Invalidate, March, March.AddHours(1))], Audit, Ct);
        string? province = await Store.StepAsync(Step(true, 2), levels, audit, Ct);
        MonthReviewState afterProvince = await StateAsync();
        string? cityAgain = await Store.StepAsync(Step(true, 1), levels, audit, Ct);
        string? reopenCity = await Store.StepAsync(Step(false, 1, "flood day was a fault"), levels, audit, Ct);

        Assert.Equal("M1 2024-03 is not closed at level 1 (city) yet: levels close in order, lowest first", provinceFirst);
        Assert.Equal((null, MonthReviewState.Unreviewed), (city, afterCity));
        Assert.Equal("M1 2024-03 is closed by review: reopen it with a reason first", decidedAfterCity.Refusal);
        Assert.Equal((null, MonthReviewState.Closed), (province, afterProvince));
        Assert.Equal("M1 2024-03 is already closed by review at level 1 (city)", cityAgain);
        Assert.Null(reopenCity);
        IReadOnlyList<MonthReviewStep> steps = await Store.MonthStepsAsync("M1", month, Ct);
        Assert.Equal([(true, 1, false), (true, 2, true), (false, 1, false), (false, 2, false)], steps.Select(s => (s.Closed, s.Level, s.Completes)));
        Assert.Equal(MonthReviewState.Reopened, await StateAsync());
        Assert.Equal("M1 2024-03 is not closed at level 1 (city) yet: levels close in order, lowest first", await Store.StepAsync(Step(true, 2), levels, audit, Ct));
    }

    [Fact]
    public async Task DayCounts_CountValidAndWhatAsksForReview_ByLocalDay()
    {
        await WriteDayAsync(March, 0.3m);
        await WriteDayAsync(March.AddDays(1), 0.3m, "T");
        await Store.ApplyAsync([Decision(ReviewAction.Confirm, March.AddDays(1), March.AddDays(1).AddHours(4))], Audit, Ct);

        IReadOnlyList<ReviewDayCount> counts = await Store.DayCountsAsync(null, ReadingKind.Hour, new DateOnly(2024, 3, 1), new DateOnly(2024, 4, 1), Ct);

        Assert.Equal(
            [new ReviewDayCount("M1", "w21003", new DateOnly(2024, 3, 1), 24, 24, 0), new ReviewDayCount("M1", "w21003", new DateOnly(2024, 3, 2), 24, 4, 20)],
            counts.OrderBy(c => c.Day));
    }
}
