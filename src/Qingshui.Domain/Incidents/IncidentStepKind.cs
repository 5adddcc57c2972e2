namespace Qingshui.Domain.Incidents;

/// <summary>What a step on an incident's timeline is. Stored as its word (<see cref="IncidentWords"/>).</summary>
public enum IncidentStepKind
{
    /// <summary>Opened by an alert (by the platform).</summary>
    Raised = 1,

    /// <summary>Notice sent to the organisations concerned (by the platform).</summary>
    Notified = 2,

    /// <summary>Not acknowledged within its time limit: told again (by the platform). The status does not change.</summary>
    Escalated = 3,

    /// <summary>A further alert of the same section joined it as evidence (by the platform). The status does not change.</summary>
    AlertJoined = 4,

    /// <summary>Acknowledged by a person.</summary>
    Acknowledged = 5,

    /// <summary>Response started by a person.</summary>
    Responding = 6,

    /// <summary>Closed by a person.</summary>
    Closed = 7,
}
