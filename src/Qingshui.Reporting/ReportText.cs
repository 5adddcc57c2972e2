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
        ["standing"] = ("结算状态", "Standing"),
        ["final"] = ("最终：各方已确认全部期间", "final: every period confirmed by every party"),
        ["provisional"] = ("暂定（草稿），金额仍可能变动", "provisional (draft): the amount may still change"),
        ["watermark"] = ("草稿 DRAFT — 暂定结算单，非最终", "DRAFT 草稿 — provisional statement, not final"),
        ["agreementChanged"] = ("注意：现行协议文本与建账时记录的不同；本结算单按记录的协议", "Note: the agreement now reads differently from the one recorded when the books were opened; this statement follows the recorded one"),
        ["proposals"] = ("待确认的调整建议（未计入）", "Proposed adjustments (not counted until every party confirms)"),
        ["confirmedBy"] = ("已确认", "Confirmed by"),
        ["year-not-over"] = ("年度未结束", "the year is not over"),
        ["in-progress"] = ("期间进行中", "period in progress"),
        ["not-computed"] = ("尚未核算", "not computed yet"),
        ["undetermined"] = ("数据不足，待决定", "not enough data: needs a decision"),
        ["no-data"] = ("无数据，待决定", "no data: needs a decision"),
        ["not-confirmed"] = ("未经各方确认", "not confirmed by every party"),
        ["proposed-adjustment"] = ("有待确认的调整建议", "a proposed adjustment awaits confirmation"),
        ["not-recorded"] = ("未入账（仅计算，无人确认）", "computed only, not in a ledger (nobody confirmed it)"),
        ["outside-term"] = ("不在协议期限内", "outside the agreement's term"),
        ["notes"] = ("协议说明", "Agreement notes"),
        ["Determined"] = ("已确定", "determined"),
        ["Undetermined"] = ("数据不足，待决定", "undetermined: needs a decision"),
        ["Decided"] = ("按决定处理", "decided"),
        ["Open"] = ("未核算", "open"),
        ["Draft"] = ("草稿", "draft"),
        ["PartlyConfirmed"] = ("部分确认", "partly confirmed"),
        ["Confirmed"] = ("双方确认", "confirmed by all"),
        ["Settled"] = ("已清算", "settled"),
        ["NoData"] = ("无数据，待决定", "no data: needs a decision"),
        ["InProgress"] = ("进行中", "in progress"),
        ["NotStarted"] = ("未开始", "not started"),
        ["OutsideTerm"] = ("不在协议期限内", "outside the agreement's term"),
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
