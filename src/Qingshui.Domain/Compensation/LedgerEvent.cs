namespace Qingshui.Domain.Compensation;

/// <summary>Something that happened to an agreement's books. The ledger is the list of these, appended, never edited.</summary>
/// <param name="At">When it was recorded.</param>
/// <param name="By">Who recorded it (a person, or "engine" for computed accounts).</param>
public abstract record LedgerEvent(DateTimeOffset At, string By);

/// <summary>An account computed for a period (a draft until every party confirms it; a draft may be recomputed).</summary>
/// <param name="Account">The account.</param>
/// <param name="At">When.</param>
/// <param name="By">Who (normally "engine").</param>
public sealed record AccountRecorded(PeriodAccount Account, DateTimeOffset At, string By) : LedgerEvent(At, By);

/// <summary>A party confirmed a period's account, as identified by its hash.</summary>
/// <param name="Period">The period.</param>
/// <param name="Party">The confirming party.</param>
/// <param name="AccountHash">The hash of the account confirmed.</param>
/// <param name="At">When.</param>
/// <param name="By">Who, for that party.</param>
public sealed record PeriodConfirmed(Assessment.Period Period, string Party, string AccountHash, DateTimeOffset At, string By) : LedgerEvent(At, By);

/// <summary>
/// The agreement as it was when the books were opened, as canonical file text (<see cref="AgreementFile.Write"/>):
/// statements are built from it, so a later edit of the agreement file or its preset cannot change what was recorded.
/// </summary>
/// <param name="Text">The agreement's canonical text.</param>
/// <param name="At">When.</param>
/// <param name="By">Who (normally "engine").</param>
public sealed record AgreementRecorded(string Text, DateTimeOffset At, string By) : LedgerEvent(At, By);

/// <summary>
/// A proposed correction of a confirmed period (its recomputation differs from what the parties confirmed). It counts
/// only once every party has confirmed it (<see cref="AdjustmentConfirmed"/>); until then the confirmed account stands.
/// </summary>
/// <param name="Adjustment">The adjustment proposed.</param>
/// <param name="At">When.</param>
/// <param name="By">Who (normally "engine").</param>
public sealed record AdjustmentProposed(Adjustment Adjustment, DateTimeOffset At, string By) : LedgerEvent(At, By);

/// <summary>A party confirmed a proposed adjustment, identified by the corrected period and the hash of the recomputed account.</summary>
/// <param name="Corrected">The corrected period.</param>
/// <param name="Party">The confirming party.</param>
/// <param name="AfterHash">The hash of the proposal's recomputed account.</param>
/// <param name="At">When.</param>
/// <param name="By">Who, for that party.</param>
public sealed record AdjustmentConfirmed(Assessment.Period Corrected, string Party, string AfterHash, DateTimeOffset At, string By) : LedgerEvent(At, By);

/// <summary>A decision for a period the data did not decide.</summary>
/// <param name="Decision">The decision.</param>
public sealed record DecisionRecorded(Decision Decision) : LedgerEvent(Decision.DecidedAt, Decision.DecidedBy);

/// <summary>A year settled, with the hash of the statement both parties hold.</summary>
/// <param name="Year">The year.</param>
/// <param name="StatementHash">The statement's content hash.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
public sealed record YearSettled(int Year, string StatementHash, DateTimeOffset At, string By) : LedgerEvent(At, By);

/// <summary>A payment made against a year's net, recorded by a person for the paying party.</summary>
/// <param name="Payment">The payment.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="By">Who recorded it.</param>
public sealed record PaymentRecorded(Instalment Payment, DateTimeOffset At, string By) : LedgerEvent(At, By);

/// <summary>A pollution incident entered in the agreement's register by a person.</summary>
/// <param name="Incident">The incident.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="By">Who recorded it.</param>
public sealed record PollutionIncidentRecorded(PollutionIncidentRecord Incident, DateTimeOffset At, string By) : LedgerEvent(At, By);

/// <summary>An alert-opened incident proposed for the register by a coordinator; it counts once every party confirmed it.</summary>
/// <param name="Incident">The register entry proposed.</param>
/// <param name="Source">The number of the alert-opened incident.</param>
/// <param name="At">When it was proposed.</param>
/// <param name="By">Who proposed it.</param>
public sealed record PollutionIncidentProposed(PollutionIncidentRecord Incident, long Source, DateTimeOffset At, string By) : LedgerEvent(At, By);

/// <summary>A party confirmed a proposed register entry.</summary>
/// <param name="Source">The number of the alert-opened incident proposed.</param>
/// <param name="Party">The confirming party.</param>
/// <param name="At">When.</param>
/// <param name="By">Who, for that party.</param>
public sealed record PollutionIncidentConfirmed(long Source, string Party, DateTimeOffset At, string By) : LedgerEvent(At, By);

/// <summary>A correction: the confirmed (or last adjusted) account, the recomputed one, and the difference to pay, applied in a later open period.</summary>
/// <param name="Corrected">The period whose data changed.</param>
/// <param name="AppliedIn">The open period the difference is booked in.</param>
/// <param name="Before">The account as it stood.</param>
/// <param name="After">The account recomputed.</param>
/// <param name="Transfers">What has to move now (after minus before, netted per pair).</param>
public sealed record Adjustment(Assessment.Period Corrected, Assessment.Period AppliedIn, PeriodAccount Before, PeriodAccount After, IReadOnlyList<Transfer> Transfers);
