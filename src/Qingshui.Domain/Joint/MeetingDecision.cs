namespace Qingshui.Domain.Joint;

/// <summary>
/// 会议决定事项, a decision of a joint meeting: what is to be done, which organisation (and person) owns it, by when, and
/// where it stands. Only the owner's side changes its state: open → done or dropped, each with a follow-up note.
/// </summary>
/// <param name="Id">Its number in the store (0 before it is stored).</param>
/// <param name="Meeting">The meeting it was taken at.</param>
/// <param name="Text">What was decided.</param>
/// <param name="Owner">The owning organisation's id.</param>
/// <param name="OwnerPerson">The person responsible (may be empty).</param>
/// <param name="Deadline">The last day it is to be done by.</param>
/// <param name="State">Where it stands.</param>
/// <param name="FollowUp">The follow-up note given with the last change (empty while open).</param>
/// <param name="ChangedBy">Who made the last change (the creator at first).</param>
/// <param name="ChangedAt">When.</param>
public sealed record MeetingDecision(
    long Id, long Meeting, string Text, string Owner, string OwnerPerson, DateOnly Deadline, DecisionState State, string FollowUp,
    string ChangedBy, DateTimeOffset ChangedAt)
{
    /// <summary>Whether it is still open after its deadline (on <paramref name="today"/>, the basin's local date).</summary>
    public bool IsOverdue(DateOnly today) => State == DecisionState.Open && today > Deadline;
}
