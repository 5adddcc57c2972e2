namespace Qingshui.Storage.Joint;

/// <summary>
/// A settlement decision on an undetermined period (recorded in the agreement's ledger) that was taken at a joint meeting:
/// what the ledger recorded, kept with the meeting so the meeting lists it among its decisions.
/// </summary>
/// <param name="Meeting">The meeting's id.</param>
/// <param name="Agreement">The agreement.</param>
/// <param name="Period">The period decided (<c>2024-03</c>).</param>
/// <param name="Outcome">The outcome's word (<c>met</c>, <c>missed</c>, <c>none</c>).</param>
/// <param name="Reason">The reason recorded.</param>
/// <param name="DecidedBy">Who recorded it.</param>
/// <param name="Organisation">For which organisation.</param>
/// <param name="DecidedAt">When.</param>
public sealed record LedgerDecisionLink(
    long Meeting, string Agreement, string Period, string Outcome, string Reason, string DecidedBy, string Organisation, DateTimeOffset DecidedAt);
