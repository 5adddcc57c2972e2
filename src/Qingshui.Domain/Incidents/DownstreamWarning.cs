namespace Qingshui.Domain.Incidents;

/// <summary>
/// A section downstream of an incident's section and when the water seen there should arrive, from the basin file's
/// reach lengths and flow velocities; without them for a reach on the way, no estimate, and <see cref="NoEstimate"/> says why.
/// </summary>
/// <param name="Section">The downstream section's id.</param>
/// <param name="Jurisdiction">The jurisdiction it lies in.</param>
/// <param name="DistanceKm">River length from the incident's section, when every reach on the way gives it.</param>
/// <param name="Travel">Travel time at the given mean velocities, when every reach gives length and velocity.</param>
/// <param name="ArrivalAt">The incident's first alert time plus <paramref name="Travel"/>.</param>
/// <param name="NoEstimate">Why there is no estimate (naming the reach that lacks data); <c>null</c> when there is one.</param>
public sealed record DownstreamWarning(
    string Section, string Jurisdiction, double? DistanceKm, TimeSpan? Travel, DateTimeOffset? ArrivalAt, string? NoEstimate);
