using Qingshui.Domain.Joint;

namespace Qingshui.Storage.Joint;

/// <summary>Which meeting decisions to list: by meeting, owner, state and deadline; by deadline, then id.</summary>
/// <param name="Limit">At most this many (1–<see cref="MaxLimit"/>).</param>
/// <param name="Meeting">Only this meeting's.</param>
/// <param name="Owner">Only this organisation's.</param>
/// <param name="State">Only in this state.</param>
/// <param name="DeadlineFrom">Deadline on or after this day.</param>
/// <param name="DeadlineTo">Deadline on or before this day.</param>
/// <param name="Basin">Only of meetings of this basin.</param>
public sealed record DecisionQuery(
    int Limit, long? Meeting = null, string? Owner = null, DecisionState? State = null, DateOnly? DeadlineFrom = null, DateOnly? DeadlineTo = null,
    string? Basin = null)
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 500;
}
