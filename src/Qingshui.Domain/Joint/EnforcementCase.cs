using Qingshui.Domain.Network;

namespace Qingshui.Domain.Joint;

/// <summary>跨界执法案件, a case across the boundary: what, where, found by which side, under whose jurisdiction.</summary>
/// <remarks>
/// Jurisdiction moves only by a referral the other side accepts. Only the side with jurisdiction changes the status,
/// records actions or refers the case on (<see cref="CaseRules"/>). Both sides of every referral, and the finding side,
/// are its parties and see it.
/// </remarks>
/// <param name="Id">Its number in the store (0 before it is stored).</param>
/// <param name="What">What happened (illegal sand mining, an outfall…).</param>
/// <param name="Where">Where, in words.</param>
/// <param name="Position">Where, as a position, or <c>null</c>.</param>
/// <param name="FoundBy">The side that found it.</param>
/// <param name="Jurisdiction">The side with jurisdiction now.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Referrals">Every referral, oldest first; at most the last is pending.</param>
/// <param name="Actions">Actions taken, oldest first.</param>
/// <param name="Outcome">The outcome, set when closed.</param>
/// <param name="Documents">Document attachment ids.</param>
/// <param name="OpenedBy">Who opened it.</param>
/// <param name="OpenedAt">When.</param>
/// <param name="Finding">The patrol finding it came from, or <c>null</c>.</param>
public sealed record EnforcementCase(
    long Id, string What, string Where, GeoPoint? Position, string FoundBy, string Jurisdiction, CaseStatus Status,
    IReadOnlyList<CaseReferral> Referrals, IReadOnlyList<CaseAction> Actions, string? Outcome, IReadOnlyList<string> Documents,
    PatrolActor OpenedBy, DateTimeOffset OpenedAt, long? Finding)
{
    /// <summary>The referral awaiting an answer, or <c>null</c>.</summary>
    public CaseReferral? PendingReferral => Referrals.Count > 0 && Referrals[^1].Answer == ReferralAnswer.Pending ? Referrals[^1] : null;

    /// <summary>The sides that see it: the finding side, the side with jurisdiction, and both sides of every referral.</summary>
    public IReadOnlyList<string> Parties =>
        [.. new[] { FoundBy, Jurisdiction }.Concat(Referrals.SelectMany(r => new[] { r.From, r.To })).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}

/// <summary>A referral of a case from one side to the other (移交), and the answer.</summary>
/// <param name="From">The side that referred it (it had jurisdiction).</param>
/// <param name="To">The side asked to take it.</param>
/// <param name="By">Who referred it.</param>
/// <param name="At">When.</param>
/// <param name="Note">Why it is referred.</param>
/// <param name="Answer">The answer so far.</param>
/// <param name="AnsweredBy">Who answered, or <c>null</c> while pending.</param>
/// <param name="AnsweredAt">When.</param>
/// <param name="Reason">The reason given for a decline (and any note with an acceptance).</param>
public sealed record CaseReferral(
    string From, string To, PatrolActor By, DateTimeOffset At, string Note, ReferralAnswer Answer, PatrolActor? AnsweredBy, DateTimeOffset? AnsweredAt, string? Reason);

/// <summary>Something done on a case by the side with jurisdiction: an action, or a status change with its note.</summary>
/// <param name="By">Who.</param>
/// <param name="At">When.</param>
/// <param name="Text">What was done.</param>
/// <param name="Status">The status it set, or <c>null</c> for an action that left the status as it was.</param>
public sealed record CaseAction(PatrolActor By, DateTimeOffset At, string Text, CaseStatus? Status);
