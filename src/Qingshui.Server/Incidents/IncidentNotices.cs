using System.Globalization;
using System.Text;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Incidents;
using Qingshui.Domain.Network;
using Qingshui.Server.Notices;

namespace Qingshui.Server.Incidents;

/// <summary>The notice of an incident's change: one line saying what happened where, and the downstream arrival estimates.</summary>
internal static class IncidentNotices
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static Notice Of(Incident incident, string kind, Basin basin, IReadOnlyList<string> organisations, DateTimeOffset at)
    {
        LocalizedText section = basin.FindSection(incident.Section)?.Name ?? new LocalizedText(incident.Section, incident.Section);
        IncidentStep last = incident.Steps[^1];
        (string zh, string en) = kind switch
        {
            "incident.opened" => ("发起", "opened"),
            "incident.escalated" => ("超时未确认，再次通知", "not acknowledged in time, told again"),
            "incident.alert-joined" => ("新增预警", "a further alert joined"),
            "incident.acknowledged" => ("已确认", "acknowledged"),
            "incident.responding" => ("开始处置", "response started"),
            "incident.closed" => ("已关闭", "closed"),
            "incident.source-investigation" => ("记录溯源排查", "source investigation recorded"),
            "incident.joint-sampling" => ("记录联合采样", "joint sampling recorded"),
            "incident.tightened-monitoring" => ("加密监测", "tightened monitoring"),
            _ => (kind, kind),
        };
        string severity = AlertKinds.Word(incident.Severity);
        var title = new LocalizedText(
            string.Create(CultureInfo.InvariantCulture, $"{section.Chinese}断面水质事件 #{incident.Id}（{severity}）：{zh}"),
            string.Create(CultureInfo.InvariantCulture, $"Incident #{incident.Id} at {section.English} ({severity}): {en}"));
        var chinese = new StringBuilder();
        var english = new StringBuilder();
        string who = last.Organisation.Length == 0 ? last.Actor : $"{last.Actor} ({last.Organisation})";
        chinese.Append(CultureInfo.InvariantCulture, $"{last.At.ToOffset(Beijing):yyyy-MM-dd HH:mm} {who}: {last.Note}");
        english.Append(CultureInfo.InvariantCulture, $"{last.At.ToOffset(Beijing):yyyy-MM-dd HH:mm} {who}: {last.Note}");
        foreach (DownstreamWarning warning in incident.Downstream)
        {
            LocalizedText name = basin.FindSection(warning.Section)?.Name ?? new LocalizedText(warning.Section, warning.Section);
            chinese.Append('\n').Append(warning.ArrivalAt is DateTimeOffset arrival
                ? string.Create(CultureInfo.InvariantCulture, $"下游{name.Chinese}：约{warning.DistanceKm:0.#} km，预计 {arrival.ToOffset(Beijing):yyyy-MM-dd HH:mm} 到达")
                : $"下游{name.Chinese}：无法估计到达时间（{warning.NoEstimate}）");
            english.Append('\n').Append(warning.ArrivalAt is DateTimeOffset eta
                ? string.Create(CultureInfo.InvariantCulture, $"Downstream {name.English}: about {warning.DistanceKm:0.#} km, expected {eta.ToOffset(Beijing):yyyy-MM-dd HH:mm}")
                : $"Downstream {name.English}: no arrival estimate ({warning.NoEstimate})");
        }

        return new Notice(kind, string.Create(CultureInfo.InvariantCulture, $"incident/{incident.Id}"), title,
            new LocalizedText(chinese.ToString(), english.ToString()), organisations, at);
    }
}
