using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Joint;

/// <summary>
/// The comparison rule of a two-station section: both stations' period means by the national method
/// (<see cref="PeriodAggregator"/>, pH through H⁺), their difference against the item's tolerance, and the section's
/// mean from both stations' values together (as the section itself is assessed).
/// </summary>
public static class SideBySide
{
    /// <summary>Every item and period (day or month) in which either station has values, ordered by item then period.</summary>
    public static IReadOnlyList<PeriodComparison> Compare(
        IReadOnlyList<Observation> a, IReadOnlyList<Observation> b, PeriodKind kind, JointMonitoringSettings settings, CompletenessRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(settings);
        var meansA = PeriodAggregator.Aggregate(a, kind, rules).ToDictionary(m => (m.Item, m.Period));
        var meansB = PeriodAggregator.Aggregate(b, kind, rules).ToDictionary(m => (m.Item, m.Period));
        var section = PeriodAggregator.Aggregate(a.Concat(b), kind, rules).ToDictionary(m => (m.Item, m.Period));
        return section.Keys
            .OrderBy(k => k.Item.Table).ThenBy(k => k.Item.Number).ThenBy(k => k.Period.Start)
            .Select(key =>
            {
                decimal? ma = meansA.GetValueOrDefault(key)?.Mean, mb = meansB.GetValueOrDefault(key)?.Mean;
                Tolerance? tolerance = settings.For(key.Item);
                MeanDifference? difference = null;
                if (ma is decimal x && mb is decimal y)
                {
                    // An item without a tolerance still shows its difference; it never exceeds.
                    MeanDifference d = (tolerance ?? new Tolerance(key.Item.Id, null, null)).Compare(x, y);
                    difference = tolerance is null ? d with { Exceeds = false } : d;
                }

                return new PeriodComparison(key.Item, key.Period, ma, mb, section[key].Mean, difference, tolerance);
            })
            .ToArray();
    }
}
