namespace Qingshui.Server.Api.Contracts;

/// <summary>An incident: where, how serious, where it stands, its evidence, the sections downstream, its timeline and actions (times UTC+8).</summary>
internal sealed record IncidentDto(
    long Id, string Status, string Section, string Severity, DateTimeOffset OpenedAt, string[] Jurisdictions, string[] Stations, long[] AlertIds,
    DownstreamDto[] Downstream, IncidentStepDto[] Steps, IncidentActionDto[] Actions, AlertDto[]? Evidence);

/// <summary>A section downstream and when the water should arrive; <see cref="NoEstimate"/> says why there is no estimate.</summary>
internal sealed record DownstreamDto(string Section, string Jurisdiction, double? DistanceKm, int? TravelMinutes, DateTimeOffset? ArrivalAt, string? NoEstimate);

/// <summary>One step of the timeline.</summary>
internal sealed record IncidentStepDto(string Kind, string Actor, string Organisation, DateTimeOffset At, string Note);

/// <summary>An action with the commands sent to stations for it.</summary>
internal sealed record IncidentActionDto(long Id, string Kind, string Actor, string Organisation, DateTimeOffset At, string Note, IncidentCommandDto[] Commands);

/// <summary>A command to a station and what became of it.</summary>
internal sealed record IncidentCommandDto(string Station, string Purpose, string RequestId, string State, string? Detail, DateTimeOffset SentAt, DateTimeOffset? AnsweredAt);

/// <summary>A page of incidents, newest first; <see cref="Next"/> is the <c>before</c> of the next page, or null at the end.</summary>
internal sealed record IncidentPageDto(IncidentDto[] Incidents, long? Next, string? NextCursor);

/// <summary>The query string of <c>GET /api/v1/incidents</c>, as text so that bad values become problems naming the field.</summary>
internal sealed record IncidentListQuery
{
    public string? Status { get; init; }
    public string? Section { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Limit { get; init; }
    public string? Before { get; init; }
    public string? Cursor { get; init; }
}

/// <summary>The body of a step (acknowledge, respond, close): an optional note.</summary>
internal sealed record IncidentStepRequest(string? Note);

/// <summary>The body of an action: its kind, what was done, and for tightened monitoring the interval in seconds.</summary>
internal sealed record IncidentActionRequest(string? Kind, string? Note, int? IntervalSeconds);
