using Qingshui.Domain.Compensation;

namespace Qingshui.Reporting;

/// <summary>Every text of the reports, by id, in both languages: one table, so no string is written twice.</summary>
internal static class ReportText
{
    private static readonly Dictionary<string, (string Zh, string En)> Texts = new(StringComparer.Ordinal)
    {
        ["statement"] = ("横向生态保护补偿结算单", "Eco-compensation settlement statement"),
        ["year"] = ("结算年度", "Year"),
        ["due"] = ("付款截止日", "Payment due"),
        ["hash"] = ("内容校验码 (SHA-256)", "Content hash (SHA-256)"),
        ["accounts"] = ("月度（期）核算", "Period accounts"),
        ["period"] = ("期间", "Period"),
        ["class"] = ("水质类别", "Class"),
        ["status"] = ("核算状态", "Status"),
        ["payer"] = ("付款方", "Payer"),
        ["payee"] = ("收款方", "Payee"),
        ["amount"] = ("金额（元）", "Amount (yuan)"),
        ["basis"] = ("依据", "Basis"),
        ["evidence"] = ("证据（均值/有效数）", "Evidence (mean / valid units)"),
        ["fingerprint"] = ("数据指纹", "Data fingerprint"),
        ["state"] = ("确认状态", "Sign-off"),
        ["adjustments"] = ("调整（确认后数据更正）", "Adjustments (corrections after sign-off)"),
        ["corrected"] = ("被更正期间", "Corrected period"),
        ["appliedIn"] = ("计入期间", "Booked in"),
        ["before"] = ("更正前类别", "Class before"),
        ["after"] = ("更正后类别", "Class after"),
        ["net"] = ("年度清算（按双方轧差）", "Annual net per pair of parties"),
        ["none"] = ("无", "none"),
        ["notes"] = ("协议说明", "Agreement notes"),
        ["Determined"] = ("已确定", "determined"),
        ["Undetermined"] = ("数据不足，待决定", "undetermined: needs a decision"),
        ["Decided"] = ("按决定处理", "decided"),
        ["Open"] = ("未核算", "open"),
        ["Draft"] = ("草稿", "draft"),
        ["PartlyConfirmed"] = ("部分确认", "partly confirmed"),
        ["Confirmed"] = ("双方确认", "confirmed by all"),
        ["Settled"] = ("已清算", "settled"),
        [nameof(TransferBasis.TargetMet)] = ("达标", "target met"),
        [nameof(TransferBasis.TargetMissed)] = ("未达标", "target missed"),
        [nameof(TransferBasis.ClassSteps)] = ("类别差", "class steps"),
        [nameof(TransferBasis.IndexChange)] = ("关键污染物指数变化", "key-pollutant index change"),
        [nameof(TransferBasis.IndexMet)] = ("补偿指数达标", "index met"),
        [nameof(TransferBasis.IndexMissed)] = ("补偿指数未达标", "index missed"),
        [nameof(TransferBasis.PooledFund)] = ("共同基金分配", "pooled fund"),
        [nameof(TransferBasis.Adjustment)] = ("更正调整", "adjustment"),
        [nameof(TransferBasis.Net)] = ("轧差", "net"),
    };

    public static string Get(string id, Language language) =>
        Texts.TryGetValue(id, out (string Zh, string En) text) ? (language == Language.English ? text.En : text.Zh) : id;
}
