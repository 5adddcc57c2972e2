namespace Qingshui.Domain.Incidents;

/// <summary>
/// Which step may follow which: raised → notified → acknowledged → responding → closed. Escalations and joining alerts
/// come while it is not yet acknowledged (escalation) or still open (alerts) and change no status. An acknowledged
/// incident may be closed without a response (a false alarm); a closed one takes nothing more.
/// </summary>
public static class IncidentLifecycle
{
    /// <summary>The longest note on a step or action.</summary>
    public const int MaxNoteLength = 2000;

    /// <summary>The status an incident has after a step of <paramref name="kind"/>.</summary>
    public static IncidentStatus StatusAfter(IncidentStatus current, IncidentStepKind kind) => kind switch
    {
        IncidentStepKind.Raised => IncidentStatus.Raised,
        IncidentStepKind.Notified => IncidentStatus.Notified,
        IncidentStepKind.Acknowledged => IncidentStatus.Acknowledged,
        IncidentStepKind.Responding => IncidentStatus.Responding,
        IncidentStepKind.Closed => IncidentStatus.Closed,
        _ => current,
    };

    /// <summary>Why a step of <paramref name="kind"/> may not be taken now, or <c>null</c> when it may.</summary>
    public static string? Refusal(IncidentStatus current, IncidentStepKind kind)
    {
        bool allowed = kind switch
        {
            IncidentStepKind.Raised => false,
            IncidentStepKind.Notified => current == IncidentStatus.Raised,
            IncidentStepKind.Escalated => current is IncidentStatus.Raised or IncidentStatus.Notified,
            IncidentStepKind.AlertJoined => current != IncidentStatus.Closed,
            IncidentStepKind.Acknowledged => current is IncidentStatus.Raised or IncidentStatus.Notified,
            IncidentStepKind.Responding => current == IncidentStatus.Acknowledged,
            IncidentStepKind.Closed => current is IncidentStatus.Acknowledged or IncidentStatus.Responding,
            _ => false,
        };
        return allowed ? null : $"an incident that is {IncidentWords.Word(current)} cannot be {IncidentWords.Word(kind)}"
            + (kind == IncidentStepKind.Closed && current != IncidentStatus.Closed ? " (acknowledge it first)" : "");
    }

    /// <summary>Why an action may not be recorded now (only while acknowledged or responding), or <c>null</c>.</summary>
    public static string? ActionRefusal(IncidentStatus current) => current is IncidentStatus.Acknowledged or IncidentStatus.Responding
        ? null : $"actions are recorded on an acknowledged or responding incident; this one is {IncidentWords.Word(current)}";

    /// <summary>The incident after <paramref name="step"/>, or the refusal; the caller stores the step.</summary>
    public static (Incident? Incident, string? Refusal) Take(Incident incident, IncidentStep step)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(step);
        if (Refusal(incident.Status, step.Kind) is string refusal)
        {
            return (null, refusal);
        }

        return (incident with { Status = StatusAfter(incident.Status, step.Kind), Steps = [.. incident.Steps, step] }, null);
    }
}
