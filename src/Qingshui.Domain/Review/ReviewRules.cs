using System.Globalization;
using Qingshui.Domain.Readings;

namespace Qingshui.Domain.Review;

/// <summary>A field of a decision that is not acceptable, and why.</summary>
/// <param name="Field">The field's name (<c>from</c>, <c>value</c>, <c>reason</c>, …).</param>
/// <param name="Message">Why, with the offending text where it helps.</param>
public sealed record ReviewError(string Field, string Message);

/// <summary>What a review decision must be, and what it does to a reading.</summary>
public static class ReviewRules
{
    /// <summary>The problems of a decision's fields, empty when it may be applied.</summary>
    public static IReadOnlyList<ReviewError> Check(
        ReviewSettings settings, DateTimeOffset from, DateTimeOffset to, ReviewAction action, decimal? value, string? reason, string? note)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<ReviewError>();
        if (to <= from)
        {
            errors.Add(new ReviewError("to", "must be after from (the range is [from, to))"));
        }
        else if (to - from > ReviewSettings.MaxRange)
        {
            errors.Add(new ReviewError("to", string.Create(CultureInfo.InvariantCulture,
                $"the range is {(to - from).TotalDays:0.#} days; one decision covers at most {ReviewSettings.MaxRange.TotalDays:0} (split it by month)")));
        }

        if (action == ReviewAction.Correct && value is null)
        {
            errors.Add(new ReviewError("value", "is required to correct: the new value, in the readings' unit"));
        }
        else if (action != ReviewAction.Correct && value is not null)
        {
            errors.Add(new ReviewError("value", $"only a correction takes a value, not {ReviewActions.Text(action)}"));
        }

        if (string.IsNullOrEmpty(reason))
        {
            errors.Add(new ReviewError("reason", $"is required: one of {string.Join(", ", settings.Reasons)}"));
        }
        else if (!settings.Reasons.Contains(reason, StringComparer.Ordinal))
        {
            errors.Add(new ReviewError("reason", $"'{Bounded(reason)}' is not one of {string.Join(", ", settings.Reasons)}"));
        }

        if (note is not null && note.Length > ReviewSettings.MaxNoteLength)
        {
            errors.Add(new ReviewError("note", string.Create(CultureInfo.InvariantCulture,
                $"is {note.Length} characters; at most {ReviewSettings.MaxNoteLength}")));
        }

        return errors;
    }

    /// <summary>The reading as the decision leaves it: marked reviewed, valid or not, with the corrected value.</summary>
    public static Reading Apply(ReviewDecision decision, Reading reading)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(reading);
        Reading reviewed = reading with { Marks = reading.Marks | ReadingMarks.Reviewed };
        return decision.Action switch
        {
            ReviewAction.Confirm => reviewed with { Valid = true },
            ReviewAction.Invalidate => reviewed with { Valid = false },
            _ => reviewed with { Valid = true, Value = decision.Value!.Value, Minimum = null, Maximum = null },
        };
    }

    private static string Bounded(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
