using System.Globalization;

namespace Qingshui.Domain.Assessment;

/// <summary>主要污染指标: an item worse than Class Ⅲ, with its class and exceedance multiple.</summary>
/// <param name="Item">The item.</param>
/// <param name="Class">Its class (<c>null</c> for a single-limit item).</param>
/// <param name="ExceedanceMultiple">Its multiple over Class Ⅲ, where one is computed (not for pH or DO).</param>
public sealed record MainPollutant(StandardItem Item, WaterClass? Class, decimal? ExceedanceMultiple)
{
    /// <summary>As bulletins write it: <c>高锰酸盐指数(1.2)</c>, the multiple to one decimal (half to even, keeping one significant digit).</summary>
    public string ToChinese() => Item.ChineseName + MultipleText;

    /// <summary>The same with the item id: <c>CODMn(1.2)</c>.</summary>
    public override string ToString() => Item.Id + MultipleText;

    private string MultipleText => ExceedanceMultiple is decimal m
        ? string.Create(CultureInfo.InvariantCulture, $"({StatisticalRounding.Round(m, 1):0.0##########})")
        : "";
}

/// <summary>The ranking of main pollutants (地表水环境质量评价办法 §2.5).</summary>
public static class MainPollutants
{
    /// <summary>
    /// Up to three items worse than Class Ⅲ: cyanide and heavy metals first whenever they exceed, then the worst class,
    /// then the largest exceedance multiple. None when the section class is Ⅲ or better.
    /// </summary>
    public static IReadOnlyList<MainPollutant> Rank(IEnumerable<ItemAssessment> items, WaterClass? sectionClass, int count = 3)
    {
        if (sectionClass is not WaterClass c || c <= WaterClass.III)
        {
            return [];
        }

        return items.Where(i => i.ExceedsClassIII)
            .OrderByDescending(i => i.Item.IsToxic)
            .ThenByDescending(i => i.Class ?? WaterClass.WorseThanV)
            .ThenByDescending(i => i.ExceedanceMultiple ?? -1)
            .ThenBy(i => i.Item.Table).ThenBy(i => i.Item.Number)
            .Take(count)
            .Select(i => new MainPollutant(i.Item, i.Class, i.ExceedanceMultiple))
            .ToArray();
    }
}
