using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Compensation;

/// <summary>Whether a period's outcome could be computed.</summary>
public enum AccountStatus
{
    /// <summary>The data decided it.</summary>
    Determined,

    /// <summary>Not enough valid data: no payment until a decision is recorded. Never passes or fails silently.</summary>
    Undetermined,

    /// <summary>Undetermined by the data, settled by a recorded decision.</summary>
    Decided,

    /// <summary>No observation at all in the period: not "no payment", but an open question like <see cref="Undetermined"/>.</summary>
    NoData,

    /// <summary>The period has not ended yet: its figures so far decide nothing.</summary>
    InProgress,
}

/// <summary>A period's account: the evidence, the status, and the transfers it leads to.</summary>
/// <param name="AgreementId">The agreement.</param>
/// <param name="Period">The reckoning period.</param>
/// <param name="Status">Determined, undetermined or decided.</param>
/// <param name="Evidence">The evidence per section.</param>
/// <param name="Transfers">The payments (none while undetermined).</param>
/// <param name="Decision">The decision applied, when the data did not decide.</param>
public sealed record PeriodAccount(
    string AgreementId, Period Period, AccountStatus Status, IReadOnlyList<SectionEvidence> Evidence, IReadOnlyList<Transfer> Transfers, Decision? Decision)
{
    /// <summary>
    /// Why a component of the amount could not be computed (for example the previous year's key-pollutant index): such
    /// an account is undetermined until a decision is recorded, never paid without that component.
    /// </summary>
    public IReadOnlyList<string> Gaps { get; init; } = [];

    /// <summary>The class of the account's (first) section, when determined.</summary>
    public WaterClass? Class => Evidence.Count > 0 ? Evidence[0].Assessment.Class : null;
}

/// <summary>What to do with a period the data did not decide.</summary>
public enum DecisionOutcome
{
    /// <summary>Count the target as met.</summary>
    TreatAsMet,

    /// <summary>Count the target as missed.</summary>
    TreatAsMissed,

    /// <summary>No payment either way.</summary>
    NoPayment,
}

/// <summary>A decision both parties recorded for an undetermined period: what, who, when and why.</summary>
/// <param name="Period">The period.</param>
/// <param name="Outcome">The outcome.</param>
/// <param name="DecidedBy">Who recorded it.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="Reason">Why (for example, the joint meeting's minutes).</param>
public sealed record Decision(Period Period, DecisionOutcome Outcome, string DecidedBy, DateTimeOffset DecidedAt, string Reason);
