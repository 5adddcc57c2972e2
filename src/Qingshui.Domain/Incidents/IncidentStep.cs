namespace Qingshui.Domain.Incidents;

/// <summary>One step on an incident's timeline: what, who (and for which organisation), when, and a note.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Actor">The user name, or <see cref="Audit.AuditActor.EngineName"/> for the platform's own steps.</param>
/// <param name="Organisation">The organisation the actor acted for; empty for the platform.</param>
/// <param name="At">When.</param>
/// <param name="Note">What the actor wrote (or what the platform did), at most <see cref="IncidentLifecycle.MaxNoteLength"/> characters.</param>
public sealed record IncidentStep(IncidentStepKind Kind, string Actor, string Organisation, DateTimeOffset At, string Note);
