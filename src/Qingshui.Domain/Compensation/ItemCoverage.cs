using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Compensation;

/// <summary>How much data stood behind one item's mean in a period: what every account shows beside the class.</summary>
/// <param name="Item">The item.</param>
/// <param name="ValidValues">Valid values in the period.</param>
/// <param name="Values">All values in the period, valid or not.</param>
/// <param name="ValidDays">Days with as many valid values as the agreement requires of a day.</param>
/// <param name="Days">Days in the period.</param>
/// <param name="BelowLimitValues">Valid values below the detection limit (entered as the agreement's rule says).</param>
public sealed record ItemCoverage(StandardItem Item, int ValidValues, int Values, int ValidDays, int Days, int BelowLimitValues);
