using Qingshui.Domain.Review;

namespace Qingshui.Domain.Tests.Review;

public sealed class MonthReviewStatesTests
{
    private static readonly string[] ThreeLevels = ["county", "city", "province"];
    private static readonly DateOnly March = new(2024, 3, 1);

    private static MonthReviewStep Step(bool closed, int level) =>
        new("M1", March, closed, "r", "o", new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero), closed ? "" : "why", level);

    private static List<MonthReviewStep> Apply(List<MonthReviewStep> steps, MonthReviewStep step)
    {
        (IReadOnlyList<MonthReviewStep> planned, string? refusal) = MonthReviewStates.Plan(steps, step, ThreeLevels);
        Assert.Null(refusal);
        return [.. steps, .. planned];
    }

    [Fact]
    public void Plan_ReopeningTheMiddleLevel_ReopensTheOneAbove_AndLeavesTheOneBelowClosed()
    {
        List<MonthReviewStep> steps = Apply(Apply(Apply([], Step(true, 1)), Step(true, 2)), Step(true, 3));
        Assert.Equal(MonthReviewState.Closed, MonthReviewStates.Of(steps));

        steps = Apply(steps, Step(false, 2));

        Assert.Equal([true, false, false], new[] { 1, 2, 3 }.Select(l => MonthReviewStates.ClosedAt(steps, l)));
        Assert.Equal(MonthReviewState.Reopened, MonthReviewStates.Of(steps));
        Assert.True(MonthReviewStates.ClosedAtAnyLevel(steps));
        Assert.Equal("M1 2024-03 is already closed by review at level 1 (county)", MonthReviewStates.Plan(steps, Step(true, 1), ThreeLevels).Refusal);
    }

    [Fact]
    public void Plan_OnlyTheLastLevelsClosingCompletes_AndReopeningAnOpenLevelIsRefused()
    {
        (IReadOnlyList<MonthReviewStep> first, _) = MonthReviewStates.Plan([], Step(true, 1), ThreeLevels);
        List<MonthReviewStep> steps = Apply(Apply([], Step(true, 1)), Step(true, 2));
        (IReadOnlyList<MonthReviewStep> last, _) = MonthReviewStates.Plan(steps, Step(true, 3), ThreeLevels);

        Assert.False(Assert.Single(first).Completes);
        Assert.True(Assert.Single(last).Completes);
        Assert.Equal(MonthReviewState.Unreviewed, MonthReviewStates.Of(steps));
        Assert.Equal("M1 2024-03 is not closed at level 3 (province): only a closed month is reopened",
            MonthReviewStates.Plan(steps, Step(false, 3), ThreeLevels).Refusal);
    }
}
