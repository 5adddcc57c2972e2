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
}
