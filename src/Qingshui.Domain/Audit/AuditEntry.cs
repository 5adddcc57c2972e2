namespace Qingshui.Domain.Audit;

/// <summary>One entry of the audit log (审计日志): a record, its place in the log and its link in the hash chain.</summary>
/// <param name="Sequence">Its number: 1 for the first entry, then one more for each.</param>
/// <param name="Record">What happened.</param>
/// <param name="PreviousHash">The hash of the entry before it (<see cref="AuditChain.Genesis"/> for the first).</param>
/// <param name="Hash">SHA-256 over this entry's canonical text, which includes <paramref name="PreviousHash"/>; lower-case hex.</param>
public sealed record AuditEntry(long Sequence, AuditRecord Record, string PreviousHash, string Hash);
