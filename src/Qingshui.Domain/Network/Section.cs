using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Network;

/// <summary>断面, a monitoring section: a point on a river or lake where water quality is judged.</summary>
/// <param name="Id">Stable identifier (<c>jinyushi</c>).</param>
/// <param name="Name">Its name.</param>
/// <param name="River">The river (or lake) it lies on.</param>
/// <param name="Waterbody">River, lake or reservoir.</param>
/// <param name="TargetClass">The class it must meet (the national assessment target).</param>
/// <param name="Jurisdiction">The jurisdiction it lies in.</param>
/// <param name="Upstream">For a boundary section, the jurisdiction the water comes from.</param>
/// <param name="Downstream">For a boundary section, the jurisdiction the water flows into.</param>
/// <param name="Location">Where it is.</param>
/// <param name="Order">Position along the river, from source to mouth.</param>
public sealed record Section(
    string Id, LocalizedText Name, string River, WaterbodyKind Waterbody, WaterClass TargetClass, string Jurisdiction,
    string? Upstream, string? Downstream, GeoPoint? Location, int Order)
{
    /// <summary>
    /// The GB 3838 items monitored here (basin file <c>monitoredItems</c>); <c>null</c> when the file does not say. An
    /// item not listed is not monitored (the release's <c>*</c>): assessments leave it out rather than miss it.
    /// </summary>
    public IReadOnlyList<StandardItem>? MonitoredItems { get; init; }

    /// <summary>
    /// The length in km of the reach from here to the next section downstream on the same river (basin file
    /// <c>reachKmToNext</c>); <c>null</c> when the file does not give it, and then no arrival time is estimated past here.
    /// </summary>
    public double? ReachKmToNext { get; init; }

    /// <summary>The mean flow velocity in m/s along that reach (basin file <c>velocityMps</c>); <c>null</c> when not given.</summary>
    public double? VelocityMps { get; init; }

    /// <summary>Whether water crosses a jurisdiction boundary here.</summary>
    public bool IsBoundary => Upstream is not null && Downstream is not null;
}
