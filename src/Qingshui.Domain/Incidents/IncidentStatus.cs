namespace Qingshui.Domain.Incidents;

/// <summary>Where an incident (突发水污染事件 linkage record) stands; see <see cref="IncidentLifecycle"/> for which step may follow which.</summary>
public enum IncidentStatus
{
    /// <summary>Opened by an alert; nobody told yet.</summary>
    Raised = 1,

    /// <summary>The organisations of both jurisdictions have been sent a notice.</summary>
    Notified = 2,

    /// <summary>A person of one of the jurisdictions (or the joint office) has acknowledged it.</summary>
    Acknowledged = 3,

    /// <summary>A response is under way (investigation, joint sampling, tightened monitoring).</summary>
    Responding = 4,

    /// <summary>Closed; nothing more may be added.</summary>
    Closed = 5,
}
