using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Joint;

/// <summary>
/// What joint monitoring compares and how strictly: a tolerance per GB 3838 item for the difference of two stations at one
/// section (daily and monthly means), and of two laboratories' results for a split sample.
/// </summary>
/// <remarks>
/// The defaults are the platform's starting values, not figures from a standard or the provinces' agreement: the joint
/// office sets its own in a <c>qingshui-joint-monitoring/1</c> file (<see cref="JointMonitoringFile"/>). Items without a
/// tolerance are shown side by side but never open a discrepancy.
/// </remarks>
/// <param name="Tolerances">Tolerances by item id.</param>
public sealed record JointMonitoringSettings(IReadOnlyDictionary<string, Tolerance> Tolerances)
{
    /// <summary>The platform's starting values: pH ±0.5; DO ±0.5 mg/L or 20 %; CODMn ±1.0 or 20 %; NH3-N ±0.1 or 20 %; TP ±0.02 or 20 %; TN ±0.3 or 20 %.</summary>
    public static JointMonitoringSettings Default { get; } = new(new Tolerance[]
    {
        new("pH", 0.5m, null),
        new("DO", 0.5m, 0.2m),
        new("CODMn", 1.0m, 0.2m),
        new("NH3N", 0.1m, 0.2m),
        new("TP", 0.02m, 0.2m),
        new("TN", 0.3m, 0.2m),
    }.ToDictionary(t => t.ItemId, StringComparer.Ordinal));

    /// <summary>The tolerance of an item, or null when it is not compared.</summary>
    public Tolerance? For(StandardItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Tolerances.GetValueOrDefault(item.Id);
    }
}
