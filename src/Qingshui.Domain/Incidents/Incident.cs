using Qingshui.Domain.Alerts;

namespace Qingshui.Domain.Incidents;

/// <summary>
/// 事件, one cross-boundary incident: opened by an alert of a boundary or upstream section, carried by both jurisdictions
/// from first signal to closing, with the alerts that are its evidence, the sections downstream with arrival estimates,
/// its timeline and the actions taken. Built by <see cref="IncidentRules"/>, changed through <see cref="IncidentLifecycle"/>.
/// </summary>
/// <param name="Id">Its number in the store (0 before it is stored).</param>
/// <param name="Section">The section whose alert opened it.</param>
/// <param name="Severity">The most serious severity among its alerts.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="OpenedAt">The first alert's raise time (data time).</param>
/// <param name="Jurisdictions">The jurisdictions concerned (both sides of the boundary; for an upstream section, also those below it).</param>
/// <param name="Stations">The stations involved (its section's and its alerts'): those tightened monitoring commands.</param>
/// <param name="AlertIds">The alerts that are its evidence, in the order they came.</param>
/// <param name="Downstream">The sections downstream, nearest first, with arrival estimates.</param>
/// <param name="Steps">Its timeline, oldest first.</param>
/// <param name="Actions">The actions recorded on it, oldest first.</param>
public sealed record Incident(
    long Id, string Section, AlertSeverity Severity, IncidentStatus Status, DateTimeOffset OpenedAt, IReadOnlyList<string> Jurisdictions,
    IReadOnlyList<string> Stations, IReadOnlyList<long> AlertIds, IReadOnlyList<DownstreamWarning> Downstream,
    IReadOnlyList<IncidentStep> Steps, IReadOnlyList<ResponseAction> Actions)
{
    /// <summary>Whether it is not closed yet.</summary>
    public bool IsOpen => Status != IncidentStatus.Closed;

    /// <summary>When it was last told to people (opening notice or escalation); <c>null</c> before the first notice.</summary>
    public DateTimeOffset? LastToldAt => Steps.LastOrDefault(s => s.Kind is IncidentStepKind.Notified or IncidentStepKind.Escalated)?.At;

    /// <summary>How many times it has been escalated.</summary>
    public int Escalations => Steps.Count(s => s.Kind == IncidentStepKind.Escalated);
}
