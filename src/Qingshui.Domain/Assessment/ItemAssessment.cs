namespace Qingshui.Domain.Assessment;

/// <summary>One item judged by GB 3838-2002: its value (in the standard's unit), status, class and exceedance multiple.</summary>
/// <param name="Item">The item.</param>
/// <param name="Value">The value judged, in the item's unit; <c>null</c> when not measured.</param>
/// <param name="Status">What came of it.</param>
/// <param name="Class">The class, when <see cref="ItemStatus.Classified"/>.</param>
/// <param name="ExceedanceMultiple">(C − S)/S against Class Ⅲ (or the single limit) when exceeded; not computed for water temperature, pH or DO.</param>
public sealed record ItemAssessment(StandardItem Item, decimal? Value, ItemStatus Status, WaterClass? Class, decimal? ExceedanceMultiple)
{
    /// <summary>Whether the item is worse than Class Ⅲ (or over its single limit).</summary>
    public bool ExceedsClassIII => Class > WaterClass.III || Status == ItemStatus.ExceedsLimit;
}
