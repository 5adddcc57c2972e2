using Qingshui.Domain.Alerts;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Incidents;

/// <summary>
/// Which alerts open an incident and what it starts with. An alert about the water (not about the data: silence, flat
/// lines and invalid runs are the operators' matter) of warning severity or worse, at a boundary section or at a section
/// upstream of one on the same river, opens an incident, unless its section already has one open: then it joins that one
/// as evidence, so one pollution episode is one incident however many rules and stations see it.
/// </summary>
public static class IncidentRules
{
    /// <summary>Whether <paramref name="alert"/> concerns the water at a boundary or upstream section.</summary>
    public static bool Concerns(Basin basin, Alert alert)
    {
        ArgumentNullException.ThrowIfNull(basin);
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Severity < AlertSeverity.Warning || alert.Kind is AlertKind.Silence or AlertKind.FlatLine or AlertKind.InvalidRun
            || alert.Section is null || basin.FindSection(alert.Section) is not Section section)
        {
            return false;
        }

        return section.IsBoundary || basin.Sections.Any(s => s.IsBoundary && s.River == section.River && s.Order > section.Order);
    }

    /// <summary>The incident <paramref name="alert"/> opens (id 0), raised by the platform at <paramref name="now"/>; call when <see cref="Concerns"/>.</summary>
    public static Incident Open(Basin basin, Alert alert, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(basin);
        ArgumentNullException.ThrowIfNull(alert);
        Section section = basin.FindSection(alert.Section!) ?? throw new ArgumentException($"section '{alert.Section}' is not in the basin", nameof(alert));
        IReadOnlyList<DownstreamWarning> downstream = ArrivalEstimate.Downstream(basin, section, alert.RaisedAt);
        string[] jurisdictions = [.. new[] { section.Jurisdiction, section.Upstream, section.Downstream }.OfType<string>()
            .Concat(downstream.Select(d => d.Jurisdiction)).Distinct(StringComparer.Ordinal)];
        string[] stations = [.. basin.StationsAt(section.Id).Select(s => s.DeviceId).Append(alert.Station).Distinct(StringComparer.Ordinal)];
        var raised = new IncidentStep(IncidentStepKind.Raised, AuditActor.EngineName, "", now, $"alert {alert.Id}: {alert.Reason}");
        return new Incident(0, section.Id, alert.Severity, IncidentStatus.Raised, alert.RaisedAt, jurisdictions, stations, [alert.Id], downstream, [raised], []);
    }

    /// <summary>The open incident after <paramref name="alert"/> joined it as evidence: its severity the worse of the two, the station added.</summary>
    public static Incident Join(Incident incident, Alert alert, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(alert);
        var step = new IncidentStep(IncidentStepKind.AlertJoined, AuditActor.EngineName, "", now, $"alert {alert.Id}: {alert.Reason}");
        return incident with
        {
            Severity = alert.Severity > incident.Severity ? alert.Severity : incident.Severity,
            Stations = incident.Stations.Contains(alert.Station) ? incident.Stations : [.. incident.Stations, alert.Station],
            AlertIds = [.. incident.AlertIds, alert.Id],
            Steps = [.. incident.Steps, step],
        };
    }
}
