namespace Qingshui.Domain.Audit;

/// <summary>What happened, as the caller tells it: the content of an audit entry before it is numbered and chained.</summary>
/// <remarks>
/// Build it with <see cref="Create"/>, which masks secret-looking fields of <see cref="Before"/> and <see cref="After"/>
/// and keeps the time to the millisecond (the precision stored), so the entry hashes the same after a round trip.
/// </remarks>
/// <param name="At">When, to the millisecond, in UTC.</param>
/// <param name="Actor">Who.</param>
/// <param name="Organisation">For which organisation (may be empty).</param>
/// <param name="Action">What, as a dotted verb (<c>ledger.confirm</c>).</param>
/// <param name="Target">On what (<c>lushui-2019/2020-03</c>).</param>
/// <param name="Outcome">Done or refused.</param>
/// <param name="Reason">Why it was refused; <c>null</c> when done.</param>
/// <param name="Before">Short canonical JSON of the state before, or <c>null</c>.</param>
/// <param name="After">Short canonical JSON of the state after (or what was attempted), or <c>null</c>.</param>
/// <param name="RemoteAddress">The client's address, or <c>null</c>.</param>
public sealed record AuditRecord(
    DateTimeOffset At, string Actor, string Organisation, string Action, string Target, AuditOutcome Outcome,
    string? Reason, string? Before, string? After, string? RemoteAddress)
{
    /// <summary>A record for an act: time truncated to milliseconds in UTC, secrets masked in before/after.</summary>
    public static AuditRecord Create(
        DateTimeOffset at, AuditActor actor, string action, string target, AuditOutcome outcome, string? reason, string? before, string? after)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentNullException.ThrowIfNull(target);
        if ((outcome == AuditOutcome.Refused) != (reason is not null))
        {
            throw new ArgumentException("a refused act needs its reason, and only a refused one", nameof(reason));
        }

        return new AuditRecord(
            DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds()), actor.Name, actor.Organisation, action, target, outcome,
            reason, SecretMask.Apply(before), SecretMask.Apply(after), actor.RemoteAddress);
    }
}
