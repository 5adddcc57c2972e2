namespace Qingshui.Domain.Review;

/// <summary>Where a station-month's review stands.</summary>
public enum MonthReviewState
{
    /// <summary>Not closed by its reviewers: its data are provisional.</summary>
    Unreviewed,

    /// <summary>Closed by its reviewers: its data are reviewed, and change only through a reopening with a reason.</summary>
    Closed,

    /// <summary>Closed once, then reopened with a reason: provisional again until closed anew.</summary>
    Reopened,
}

/// <summary>One step in a station-month's review: closed or reopened, by whom, when and why.</summary>
/// <param name="StationId">MN.</param>
/// <param name="Month">The month's first day.</param>
/// <param name="Closed">True for a closing, false for a reopening.</param>
/// <param name="By">Who.</param>
/// <param name="Organisation">For which organisation.</param>
/// <param name="At">When.</param>
/// <param name="Reason">Why (required to reopen; may be empty to close).</param>
public sealed record MonthReviewStep(string StationId, DateOnly Month, bool Closed, string By, string Organisation, DateTimeOffset At, string Reason);

/// <summary>The words of <see cref="MonthReviewState"/>, and the state a month's steps leave it in.</summary>
public static class MonthReviewStates
{
    /// <summary><c>unreviewed</c>, <c>closed</c> or <c>reopened</c>.</summary>
    public static string Text(MonthReviewState state) => state switch
    {
        MonthReviewState.Closed => "closed",
        MonthReviewState.Reopened => "reopened",
        _ => "unreviewed",
    };

    /// <summary>The state after the steps (oldest first).</summary>
    public static MonthReviewState Of(IReadOnlyList<MonthReviewStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return steps.Count == 0 ? MonthReviewState.Unreviewed : steps[^1].Closed ? MonthReviewState.Closed : MonthReviewState.Reopened;
    }
}
