using System.Globalization;

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
/// <param name="Level">The review level (1-based, lowest first) it was taken at.</param>
/// <param name="Completes">For a closing, whether it was at the last configured level, so that the month counted as reviewed.</param>
public sealed record MonthReviewStep(
    string StationId, DateOnly Month, bool Closed, string By, string Organisation, DateTimeOffset At, string Reason, int Level = 1, bool Completes = true);

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

    /// <summary>
    /// The state after the steps (oldest first): closed when the last step closed the last level; reopened when it did not and
    /// any step was a reopening; otherwise unreviewed (also while only lower levels have closed it).
    /// </summary>
    public static MonthReviewState Of(IReadOnlyList<MonthReviewStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return steps.Count == 0 ? MonthReviewState.Unreviewed
            : steps[^1] is { Closed: true, Completes: true } ? MonthReviewState.Closed
            : steps.Any(s => !s.Closed) ? MonthReviewState.Reopened
            : MonthReviewState.Unreviewed;
    }

    /// <summary>Whether the month is closed at <paramref name="level"/>: its last step at that level was a closing.</summary>
    public static bool ClosedAt(IReadOnlyList<MonthReviewStep> steps, int level)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return steps.LastOrDefault(s => s.Level == level)?.Closed ?? false;
    }

    /// <summary>Whether any level has the month closed (its data then change only through a reopening).</summary>
    public static bool ClosedAtAnyLevel(IReadOnlyList<MonthReviewStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return steps.Select(s => s.Level).Distinct().Any(level => ClosedAt(steps, level));
    }

    /// <summary>
    /// The steps to record for <paramref name="step"/> given the month's steps so far and the configured levels (ids, lowest
    /// first), or why it is refused. Levels close in order, each after the one below; a level is not closed again while
    /// closed; reopening a level also reopens every level above it that is closed (same person, same reason).
    /// </summary>
    public static (IReadOnlyList<MonthReviewStep> Steps, string? Refusal) Plan(
        IReadOnlyList<MonthReviewStep> steps, MonthReviewStep step, IReadOnlyList<string> levels)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentOutOfRangeException.ThrowIfLessThan(step.Level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(step.Level, levels.Count);
        string month = string.Create(CultureInfo.InvariantCulture, $"{step.StationId} {step.Month:yyyy-MM}");
        string at = levels.Count == 1 ? "" : $" at level {step.Level} ({levels[step.Level - 1]})";
        if (step.Closed)
        {
            if (ClosedAt(steps, step.Level))
            {
                return ([], $"{month} is already closed by review{at}");
            }

            for (int higher = levels.Count; higher > step.Level; higher--)
            {
                if (ClosedAt(steps, higher))
                {
                    return ([], $"{month} is closed at the higher level {higher} ({levels[higher - 1]}): a lower level cannot close after it; reopen it there first");
                }
            }

            for (int lower = 1; lower < step.Level; lower++)
            {
                if (!ClosedAt(steps, lower))
                {
                    return ([], $"{month} is not closed at level {lower} ({levels[lower - 1]}) yet: levels close in order, lowest first");
                }
            }

            return ([step with { Completes = step.Level == levels.Count }], null);
        }

        if (!ClosedAt(steps, step.Level))
        {
            return ([], $"{month} is not closed{(at.Length == 0 ? $" ({Text(Of(steps))})" : at)}: only a closed month is reopened");
        }

        return ([step with { Completes = false },
            .. Enumerable.Range(step.Level + 1, levels.Count - step.Level).Where(l => ClosedAt(steps, l)).Select(l => step with { Level = l, Completes = false })], null);
    }
}
