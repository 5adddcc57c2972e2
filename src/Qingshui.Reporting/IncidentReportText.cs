namespace Qingshui.Reporting;

/// <summary>Every text of the incident report, by id, in both languages.</summary>
internal static class IncidentReportText
{
    private static readonly Dictionary<string, (string Zh, string En)> Texts = new(StringComparer.Ordinal)
    {
        ["title"] = ("跨界水质事件报告", "Cross-boundary incident report"),
        ["section"] = ("断面", "Section"),
        ["severity"] = ("级别", "Severity"),
        ["status"] = ("状态", "Status"),
        ["opened"] = ("首次预警时间", "First alert"),
        ["jurisdictions"] = ("相关行政区", "Jurisdictions"),
        ["stations"] = ("相关站点", "Stations"),
        ["downstream"] = ("下游断面与预计到达时间", "Downstream sections and expected arrival"),
        ["distance"] = ("距离（km）", "Distance (km)"),
        ["travel"] = ("传播时间", "Travel time"),
        ["arrival"] = ("预计到达", "Expected arrival"),
        ["noEstimate"] = ("无法估计：", "no estimate: "),
        ["timeline"] = ("时间线", "Timeline"),
        ["time"] = ("时间", "Time"),
        ["step"] = ("步骤", "Step"),
        ["who"] = ("人员", "By"),
        ["organisation"] = ("单位", "Organisation"),
        ["note"] = ("说明", "Note"),
        ["evidence"] = ("证据（预警与数据）", "Evidence (alerts and data)"),
        ["rule"] = ("规则", "Rule"),
        ["station"] = ("站点", "Station"),
        ["parameter"] = ("参数", "Parameter"),
        ["raised"] = ("预警时间", "Raised"),
        ["cleared"] = ("解除时间", "Cleared"),
        ["open"] = ("未解除", "open"),
        ["value"] = ("数值", "Value"),
        ["valid"] = ("有效", "Valid"),
        ["yes"] = ("是", "yes"),
        ["no"] = ("否", "no"),
        ["actions"] = ("处置措施", "Actions"),
        ["kind"] = ("措施", "Action"),
        ["commands"] = ("站点指令", "Station commands"),
        ["none"] = ("无", "none"),
        ["engine"] = ("平台", "platform"),
        ["raised-step"] = ("发起", "raised"),
        ["notified"] = ("已通知", "notified"),
        ["escalated"] = ("超时升级", "escalated"),
        ["alert-joined"] = ("新增预警", "alert joined"),
        ["acknowledged"] = ("已确认", "acknowledged"),
        ["responding"] = ("处置中", "responding"),
        ["closed"] = ("已关闭", "closed"),
        ["raised-status"] = ("已发起", "raised"),
        ["source-investigation"] = ("溯源排查", "source investigation"),
        ["joint-sampling"] = ("联合采样", "joint sampling"),
        ["tightened-monitoring"] = ("加密监测（HJ 212 1062）", "tightened monitoring (HJ 212 1062)"),
        ["tighten"] = ("加密", "tighten"),
        ["restore"] = ("恢复", "restore"),
        ["info"] = ("提示", "info"),
        ["warning"] = ("警告", "warning"),
        ["critical"] = ("严重", "critical"),
    };

    public static string Get(string id, Language language) =>
        Texts.TryGetValue(id, out (string Zh, string En) text) ? (language == Language.English ? text.En : text.Zh) : id;
}
