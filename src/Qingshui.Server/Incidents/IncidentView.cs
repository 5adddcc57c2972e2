using Qingshui.Domain.Alerts;
using Qingshui.Domain.Incidents;
using Qingshui.Server.Alerts;
using Qingshui.Server.Api.Contracts;

namespace Qingshui.Server.Incidents;

/// <summary>An incident as the API and the live feed show it.</summary>
internal static class IncidentView
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static IncidentDto Of(Incident incident, IReadOnlyList<Alert>? evidence = null) => new(
        incident.Id, IncidentWords.Word(incident.Status), incident.Section, AlertKinds.Word(incident.Severity), incident.OpenedAt.ToOffset(Beijing),
        [.. incident.Jurisdictions], [.. incident.Stations], [.. incident.AlertIds],
        [.. incident.Downstream.Select(d => new DownstreamDto(d.Section, d.Jurisdiction, d.DistanceKm, d.Travel is TimeSpan t ? (int)t.TotalMinutes : null,
            d.ArrivalAt?.ToOffset(Beijing), d.NoEstimate))],
        [.. incident.Steps.Select(s => new IncidentStepDto(IncidentWords.Word(s.Kind), s.Actor, s.Organisation, s.At.ToOffset(Beijing), s.Note))],
        [.. incident.Actions.Select(a => new IncidentActionDto(a.Id, IncidentWords.Word(a.Kind), a.Actor, a.Organisation, a.At.ToOffset(Beijing), a.Note,
            [.. a.Commands.Select(c => new IncidentCommandDto(c.DeviceId, c.Purpose, c.RequestId, c.State, c.Detail, c.SentAt.ToOffset(Beijing), c.AnsweredAt?.ToOffset(Beijing)))]))],
        evidence is null ? null : [.. evidence.Select(AlertView.Of)]);
}
