using Qingshui.Domain.Network;

namespace Qingshui.Domain.Assessment;

/// <summary>
/// Single-factor evaluation (单因子评价, GB 3838-2002 §5 and 地表水环境质量评价办法 §2.3): one item, one value, one class.
/// </summary>
/// <remarks>
/// Limits are inclusive; the best class whose limit is met is given (so shared limits give the better class);
/// failing the Ⅴ limit is 劣Ⅴ; pH outside 6–9 is 劣Ⅴ. Zero is a value. A negative or missing value is
/// <see cref="ItemStatus.NotMeasured"/>, never a class. Arithmetic is decimal: 0.1 + 0.2 is exactly 0.3.
/// </remarks>
public static class ItemClassifier
{
    /// <summary>Judges a value given in the item's unit.</summary>
    public static ItemAssessment Assess(StandardItem item, decimal? value, WaterbodyKind waterbody = WaterbodyKind.River)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (value is not decimal v || v < 0)
        {
            return new ItemAssessment(item, null, ItemStatus.NotMeasured, null, null);
        }

        ItemLimit limit = item.LimitFor(waterbody);
        switch (limit.Kind)
        {
            case LimitKind.None:
                return new ItemAssessment(item, v, ItemStatus.NotClassified, null, null);
            case LimitKind.Single:
                bool meets = limit.Meets(v);
                return new ItemAssessment(item, v, meets ? ItemStatus.MeetsLimit : ItemStatus.ExceedsLimit, null, meets ? null : Multiple(v, limit.SingleValue));
            default:
                WaterClass waterClass = limit.ClassOf(v)!.Value;
                decimal? multiple = waterClass > WaterClass.III && limit.ExceedanceReference is decimal reference ? Multiple(v, reference) : null;
                return new ItemAssessment(item, v, ItemStatus.Classified, waterClass, multiple);
        }
    }

    /// <summary>
    /// The class alone, without building an assessment: <c>null</c> for a negative value and for items without classes
    /// (single limits, water temperature). Same rules as <see cref="Assess"/>; allocates nothing.
    /// </summary>
    public static WaterClass? ClassOf(StandardItem item, decimal value, WaterbodyKind waterbody = WaterbodyKind.River)
    {
        ArgumentNullException.ThrowIfNull(item);
        return value < 0 ? null : item.LimitFor(waterbody).ClassOf(value);
    }

    /// <summary>超标倍数 = (C − S) / S.</summary>
    public static decimal Multiple(decimal value, decimal limit) => (value - limit) / limit;
}
