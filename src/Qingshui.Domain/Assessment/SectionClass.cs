using Qingshui.Domain.Network;
using Qingshui.Domain.Readings;

namespace Qingshui.Domain.Assessment;

/// <summary>
/// How the platform judges a section (断面水质类别): which rule decides its class, what its class is now, and what
/// its class is for a period. The server, the API and the command line all ask here.
/// </summary>
public static class SectionClass
{
    /// <summary>How long a station's latest value still counts for the class now, measured back from the section's newest value.</summary>
    public static readonly TimeSpan CurrentFreshness = TimeSpan.FromDays(1);

    /// <summary>The rule sections are evaluated with: "5+X" without extra items (pH, DO, CODMn, NH3-N, TP).</summary>
    public static EvaluationRule Rule { get; } = EvaluationRule.FivePlusX();

    /// <summary>
    /// A section's class now, from the latest reading of each parameter at each of its stations: readings more than
    /// <see cref="CurrentFreshness"/> older than the newest are left out, invalid ones too, and each item's values
    /// are averaged over the stations (pH through H⁺).
    /// </summary>
    public static SectionAssessment Current(IEnumerable<Reading> latest, WaterbodyKind waterbody)
    {
        ArgumentNullException.ThrowIfNull(latest);
        Reading[] readings = latest as Reading[] ?? [.. latest];
        DateTimeOffset? newest = readings.Length == 0 ? null : readings.Max(r => r.PeriodStart);
        var byItem = new Dictionary<string, List<decimal>>(StringComparer.Ordinal);
        foreach (Observation o in Observations.FromReadings(readings))
        {
            if (o.Valid && newest - o.Time < CurrentFreshness)
            {
                (byItem.TryGetValue(o.Item.Id, out List<decimal>? list) ? list : byItem[o.Item.Id] = []).Add(o.Value);
            }
        }

        var values = byItem.ToDictionary(v => v.Key, v => PeriodAggregator.Mean(StandardItems.Find(v.Key)!, v.Value), StringComparer.Ordinal);
        return SectionEvaluator.Evaluate(Rule, values, waterbody);
    }

    /// <summary>A section's class for a period, from that period's means (items without a mean do not count).</summary>
    public static SectionAssessment OfMeans(IEnumerable<PeriodMean> means, WaterbodyKind waterbody)
    {
        ArgumentNullException.ThrowIfNull(means);
        Dictionary<string, decimal> values = means.Where(m => m.Mean is not null).ToDictionary(m => m.Item.Id, m => m.Mean!.Value, StringComparer.Ordinal);
        return SectionEvaluator.Evaluate(Rule, values, waterbody);
    }
}
