namespace Qingshui.Domain.Compensation;

/// <summary>Where a period's account is in its life.</summary>
public enum PeriodState
{
    /// <summary>Nothing recorded yet.</summary>
    Open,

    /// <summary>Computed, not confirmed by every party; recomputation may replace it.</summary>
    Draft,

    /// <summary>Confirmed by some parties.</summary>
    PartlyConfirmed,

    /// <summary>Confirmed by every party: never edited again; corrections become adjustments.</summary>
    Confirmed,

    /// <summary>Its year is settled.</summary>
    Settled,

    /// <summary>The period is under way: nothing is determined until it ends.</summary>
    InProgress,

    /// <summary>The period has not begun.</summary>
    NotStarted,

    /// <summary>The period lies outside the agreement's term: the agreement says nothing about it (not "no payment").</summary>
    OutsideTerm,
}
