using Qingshui.Domain.Alerts;
using Qingshui.Server.Api.Contracts;

namespace Qingshui.Server.Alerts;

/// <summary>An alert as the API and the live feed show it.</summary>
internal static class AlertView
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static AlertDto Of(Alert alert) => new(
        alert.Id, alert.IsOpen ? "open" : "cleared", alert.RuleId, AlertKinds.Word(alert.Kind), AlertKinds.Word(alert.Severity),
        alert.Section, alert.Station, alert.Parameter, alert.RaisedAt.ToOffset(Beijing), alert.ClearedAt?.ToOffset(Beijing), alert.Reason,
        [.. alert.Evidence.Select(v => new AlertValueDto(v.Time, v.Value, v.Valid))]);
}
