namespace Qingshui.Domain.Assessment;

/// <summary>An item's mean over a period, with how much valid data stood behind it.</summary>
/// <param name="Item">The item.</param>
/// <param name="Period">The period.</param>
/// <param name="Mean">The arithmetic mean (pH through hydrogen-ion concentration), unrounded; <c>null</c> when insufficient.</param>
/// <param name="ValidUnits">Valid values (day), valid days (month) or valid months (quarter, year) that were averaged.</param>
/// <param name="RequiredUnits">How many the completeness rules require.</param>
/// <param name="InvalidValues">Values excluded as invalid (flags, impossible values) within the period.</param>
public sealed record PeriodMean(StandardItem Item, Period Period, decimal? Mean, int ValidUnits, int RequiredUnits, int InvalidValues)
{
    /// <summary>Whether the period had enough valid data.</summary>
    public bool IsSufficient => Mean is not null;
}
