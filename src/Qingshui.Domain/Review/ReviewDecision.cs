namespace Qingshui.Domain.Review;

/// <summary>A reviewer's decision on one station's one parameter over a half-open range [From, To): what, who, when and why.</summary>
/// <param name="StationId">MN.</param>
/// <param name="Parameter">Parameter code.</param>
/// <param name="From">Inclusive start.</param>
/// <param name="To">Exclusive end.</param>
/// <param name="Action">Confirm, invalidate or correct.</param>
/// <param name="Value">The corrected value (only for <see cref="ReviewAction.Correct"/>), in the readings' own unit.</param>
/// <param name="Reason">A reason code from <see cref="ReviewSettings.Reasons"/>.</param>
/// <param name="Note">Free text (bounded by <see cref="ReviewSettings.MaxNoteLength"/>), may be empty.</param>
/// <param name="By">Who decided.</param>
/// <param name="Organisation">The organisation they decided for.</param>
/// <param name="At">When.</param>
public sealed record ReviewDecision(
    string StationId, string Parameter, DateTimeOffset From, DateTimeOffset To, ReviewAction Action, decimal? Value, string Reason, string Note,
    string By, string Organisation, DateTimeOffset At)
{
    /// <summary>How the decision is described next to what it changed (an adjustment, an audit entry): "invalidate (instrument-fault: note)".</summary>
    public string Describe() => Note.Length == 0 ? $"{ReviewActions.Text(Action)} ({Reason})" : $"{ReviewActions.Text(Action)} ({Reason}: {Note})";
}
