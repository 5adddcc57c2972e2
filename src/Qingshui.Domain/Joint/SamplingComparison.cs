using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Joint;

/// <summary>One item of one split sample: each laboratory's result, the laboratories against each other, and each station's hourly value at the sampling hour against the laboratories' mean.</summary>
/// <param name="Sample">The split sample.</param>
/// <param name="Item">The GB 3838 item.</param>
/// <param name="Results">The laboratories' results, in the order imported.</param>
/// <param name="BetweenLaboratories">The first two laboratories' difference (first − second) against the tolerance, or null with fewer than two.</param>
/// <param name="LaboratoryMean">The laboratories' mean (pH through H⁺), below-limit values counted at their limit.</param>
/// <param name="Stations">Each station of the section at the sampling hour.</param>
/// <param name="Tolerance">The item's tolerance, or null when it is not compared.</param>
public sealed record SampleItemComparison(
    string Sample, StandardItem Item, IReadOnlyList<LabResult> Results, MeanDifference? BetweenLaboratories, decimal LaboratoryMean,
    IReadOnlyList<StationAtSampling> Stations, Tolerance? Tolerance);

/// <summary>A station's hourly value for the hour the sample was taken in, against the laboratories' mean.</summary>
/// <param name="Station">The station's MN.</param>
/// <param name="HourValue">Its valid hourly value, or null when it has none.</param>
/// <param name="AgainstLaboratories">Station − laboratories' mean against the tolerance, or null.</param>
public sealed record StationAtSampling(string Station, decimal? HourValue, MeanDifference? AgainstLaboratories);

/// <summary>How a joint sampling event's results compare with each other and with the stations.</summary>
public static class SamplingComparison
{
    /// <summary>Every sample and item with results.</summary>
    /// <param name="samplingEvent">The event with its results.</param>
    /// <param name="stations">The section's stations' MNs.</param>
    /// <param name="hourValues">Valid hourly values at the sampling hour: by station MN, then item id.</param>
    /// <param name="settings">The tolerances.</param>
    public static IReadOnlyList<SampleItemComparison> Compare(
        SamplingEvent samplingEvent, IReadOnlyList<string> stations, IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> hourValues,
        JointMonitoringSettings settings)
    {
        ArgumentNullException.ThrowIfNull(samplingEvent);
        ArgumentNullException.ThrowIfNull(stations);
        ArgumentNullException.ThrowIfNull(hourValues);
        ArgumentNullException.ThrowIfNull(settings);
        return [.. samplingEvent.Results
            .GroupBy(r => (r.Sample, r.ItemId))
            .Select(g =>
            {
                StandardItem item = StandardItems.Find(g.Key.ItemId)!;
                LabResult[] results = [.. g];
                Tolerance? tolerance = settings.For(item);
                decimal mean = PeriodAggregator.Mean(item, [.. results.Select(r => r.Value)]);
                MeanDifference? between = results.Length >= 2 ? Judge(tolerance, item, results[0].Value, results[1].Value, results[0].BelowLimit && results[1].BelowLimit) : null;
                StationAtSampling[] atStations = [.. stations.Select(mn =>
                {
                    decimal? value = hourValues.TryGetValue(mn, out var items) && items.TryGetValue(item.Id, out decimal v) ? v : null;
                    return new StationAtSampling(mn, value, value is decimal x ? Judge(tolerance, item, x, mean, false) : null);
                })];
                return new SampleItemComparison(g.Key.Sample, item, results, between, mean, atStations, tolerance);
            })];
    }

    // Two values below their limits agree whatever the limits; an item without a tolerance shows its difference and never exceeds.
    private static MeanDifference Judge(Tolerance? tolerance, StandardItem item, decimal a, decimal b, bool bothBelowLimit)
    {
        MeanDifference difference = (tolerance ?? new Tolerance(item.Id, null, null)).Compare(a, b);
        return tolerance is null || bothBelowLimit ? difference with { Exceeds = false } : difference;
    }
}
