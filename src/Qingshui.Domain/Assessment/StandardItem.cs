using Qingshui.Domain.Parameters;

namespace Qingshui.Domain.Assessment;

/// <summary>An item of GB 3838-2002 with its limits, as data.</summary>
/// <param name="Id">Short id used in rules and reports (<c>CODMn</c>, <c>NH3N</c>).</param>
/// <param name="ChineseName">The standard's name (高锰酸盐指数).</param>
/// <param name="EnglishName">English name.</param>
/// <param name="Table">Table 1, 2 or 3.</param>
/// <param name="Number">The item's number in its table.</param>
/// <param name="ParameterCode">The HJ 212-2017 code of the parameter it is measured as, where one exists.</param>
/// <param name="Unit">The unit of the limits (mg/L; 个/L for fecal coliform; none for pH).</param>
/// <param name="Limit">The limits (rivers, and lakes where no lake column exists).</param>
/// <param name="LakeLimit">Lake and reservoir limits where the standard gives a separate column (total phosphorus).</param>
/// <param name="IsToxic">Cyanide and the heavy metals, which rank first among main pollutants when they exceed (评价办法 §2.5).</param>
public sealed record StandardItem(
    string Id, string ChineseName, string EnglishName, StandardTable Table, int Number, string? ParameterCode, Unit Unit,
    ItemLimit Limit, ItemLimit? LakeLimit = null, bool IsToxic = false)
{
    /// <summary>The limits that apply on a water body.</summary>
    public ItemLimit LimitFor(Network.WaterbodyKind waterbody) =>
        waterbody != Network.WaterbodyKind.River && LakeLimit is not null ? LakeLimit : Limit;
}
