using Qingshui.Domain.Alerts;

namespace Qingshui.Domain.Incidents;

/// <summary>
/// How long an incident may wait for acknowledgement before it is escalated (told again), per severity. The 2020
/// Hunan–Jiangxi agreement sets no time limit for this basin: the limits are settings, 30 minutes by default. An
/// unacknowledged incident escalates again each time its limit passes after the last notice.
/// </summary>
/// <param name="Limits">Limit per severity; a severity not listed uses <see cref="Default"/>.</param>
/// <param name="Default">The limit for the severities not listed.</param>
public sealed record EscalationPolicy(IReadOnlyDictionary<AlertSeverity, TimeSpan> Limits, TimeSpan Default)
{
    /// <summary>30 minutes for every severity.</summary>
    public static EscalationPolicy Standard { get; } = new(new Dictionary<AlertSeverity, TimeSpan>(), TimeSpan.FromMinutes(30));

    /// <summary>The limit of a severity.</summary>
    public TimeSpan LimitOf(AlertSeverity severity) => Limits.TryGetValue(severity, out TimeSpan limit) ? limit : Default;

    /// <summary>Whether <paramref name="incident"/>, not yet acknowledged, has waited its limit since it was last told (at <paramref name="now"/>, server time).</summary>
    public bool IsDue(Incident incident, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return incident.Status is IncidentStatus.Raised or IncidentStatus.Notified
            && incident.LastToldAt is DateTimeOffset told && now - told >= LimitOf(incident.Severity);
    }
}
