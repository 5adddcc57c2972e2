using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Joint;

/// <summary>One item over one period at a two-station section: each station's mean, their difference against the tolerance, and the section's mean.</summary>
/// <param name="Item">The GB 3838 item.</param>
/// <param name="Period">The day or month.</param>
/// <param name="MeanA">Station A's mean, or null when it has too few valid data.</param>
/// <param name="MeanB">Station B's mean, or null.</param>
/// <param name="SectionMean">The section's mean from both stations' values together (what the section is judged on), or null.</param>
/// <param name="Difference">A − B judged against the tolerance; null unless both means exist.</param>
/// <param name="Tolerance">The item's tolerance, or null when the item is not compared.</param>
public sealed record PeriodComparison(
    StandardItem Item, Period Period, decimal? MeanA, decimal? MeanB, decimal? SectionMean, MeanDifference? Difference, Tolerance? Tolerance)
{
    /// <summary>Whether the two stations differ beyond the item's tolerance over this period.</summary>
    public bool Exceeds => Tolerance is not null && Difference is { Exceeds: true };
}
