namespace Qingshui.Domain.Audit;

/// <summary>The first place the audit chain is broken.</summary>
/// <param name="Sequence">The broken entry's sequence number as stored.</param>
/// <param name="At">The broken entry's time as stored.</param>
/// <param name="Reason">How it is broken.</param>
/// <param name="Detail">What was expected and what was found.</param>
public sealed record AuditBreak(long Sequence, DateTimeOffset At, AuditBreakReason Reason, string Detail);
