namespace Qingshui.Domain.Alerts;

/// <summary>
/// 预警, an alert as recorded: the rule that raised it, where, when it was raised and cleared, and the values that
/// triggered it. An incident refers to an alert by <see cref="Id"/>.
/// </summary>
/// <param name="Id">Its number in the store (0 before it is stored).</param>
/// <param name="RuleId">The rule's id.</param>
/// <param name="Kind">The rule's kind.</param>
/// <param name="Severity">The rule's severity.</param>
/// <param name="Section">The station's section, when the basin knows it.</param>
/// <param name="Station">The station's MN.</param>
/// <param name="Parameter">The parameter code; <c>null</c> for a station-wide alert (silence).</param>
/// <param name="RaisedAt">When the condition was first met (data time; for silence, when the silence became too long).</param>
/// <param name="ClearedAt">When it cleared; <c>null</c> while open.</param>
/// <param name="Evidence">The values that triggered it, oldest first.</param>
/// <param name="Reason">One line saying what was seen.</param>
public sealed record Alert(
    long Id, string RuleId, AlertKind Kind, AlertSeverity Severity, string? Section, string Station, string? Parameter,
    DateTimeOffset RaisedAt, DateTimeOffset? ClearedAt, IReadOnlyList<AlertValue> Evidence, string Reason)
{
    /// <summary>Whether it has not cleared.</summary>
    public bool IsOpen => ClearedAt is null;

    /// <summary>The series it belongs to: one open alert at most per key.</summary>
    public AlertKey Key => new(RuleId, Station, Parameter ?? "");
}

/// <summary>A series watched by one rule: one open alert at most per key.</summary>
/// <param name="RuleId">The rule's id.</param>
/// <param name="Station">The station's MN.</param>
/// <param name="Parameter">The parameter code, or empty for a station-wide rule.</param>
public readonly record struct AlertKey(string RuleId, string Station, string Parameter);
