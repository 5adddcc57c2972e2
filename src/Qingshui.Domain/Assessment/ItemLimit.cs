namespace Qingshui.Domain.Assessment;

/// <summary>
/// The standard values of one GB 3838-2002 item: five class limits (upper or lower bounds), one range, one single
/// limit, or none. Limits are inclusive; where two classes share a limit the better class is given.
/// </summary>
public sealed class ItemLimit
{
    private readonly decimal[] _values;

    private ItemLimit(LimitKind kind, decimal[] values)
    {
        Kind = kind;
        _values = values;
    }

    /// <summary>How the values are read.</summary>
    public LimitKind Kind { get; }

    /// <summary>No class limit (water temperature).</summary>
    public static ItemLimit NotClassified { get; } = new(LimitKind.None, []);

    /// <summary>Upper limits for Ⅰ…Ⅴ.</summary>
    public static ItemLimit Upper(decimal i, decimal ii, decimal iii, decimal iv, decimal v) => new(LimitKind.UpperBound, [i, ii, iii, iv, v]);

    /// <summary>Lower limits for Ⅰ…Ⅴ.</summary>
    public static ItemLimit Lower(decimal i, decimal ii, decimal iii, decimal iv, decimal v) => new(LimitKind.LowerBound, [i, ii, iii, iv, v]);

    /// <summary>One inclusive range for every class.</summary>
    public static ItemLimit Range(decimal minimum, decimal maximum) => new(LimitKind.Range, [minimum, maximum]);

    /// <summary>One limit (Tables 2 and 3).</summary>
    public static ItemLimit Single(decimal limit) => new(LimitKind.Single, [limit]);

    /// <summary>The limit of a class (bounds only).</summary>
    public decimal LimitOf(WaterClass waterClass) =>
        Kind is LimitKind.UpperBound or LimitKind.LowerBound && waterClass <= WaterClass.V
            ? _values[(int)waterClass - 1]
            : throw new InvalidOperationException($"{Kind} limits have no value per class");

    /// <summary>The range's ends (range only).</summary>
    public (decimal Minimum, decimal Maximum) Bounds =>
        Kind == LimitKind.Range ? (_values[0], _values[1]) : throw new InvalidOperationException($"{Kind} limits have no range");

    /// <summary>The single limit (single only).</summary>
    public decimal SingleValue => Kind == LimitKind.Single ? _values[0] : throw new InvalidOperationException($"{Kind} limits have no single value");

    /// <summary>
    /// The limit exceedance is measured against: Class Ⅲ for class limits (地表水环境质量评价办法 §2.5), the single
    /// limit for Tables 2 and 3; none for ranges, lower bounds and unclassified items.
    /// </summary>
    public decimal? ExceedanceReference => Kind switch
    {
        LimitKind.UpperBound => _values[2],
        LimitKind.Single => _values[0],
        _ => null,
    };

    /// <summary>
    /// The class of a value: the best class whose limit it meets, 劣Ⅴ when it meets none. <c>null</c> for single
    /// limits and unclassified items, which have no classes.
    /// </summary>
    public WaterClass? ClassOf(decimal value)
    {
        switch (Kind)
        {
            case LimitKind.UpperBound:
                for (int i = 0; i < 5; i++)
                {
                    if (value <= _values[i])
                    {
                        return (WaterClass)(i + 1);
                    }
                }

                return WaterClass.WorseThanV;
            case LimitKind.LowerBound:
                for (int i = 0; i < 5; i++)
                {
                    if (value >= _values[i])
                    {
                        return (WaterClass)(i + 1);
                    }
                }

                return WaterClass.WorseThanV;
            case LimitKind.Range:
                return value >= _values[0] && value <= _values[1] ? WaterClass.I : WaterClass.WorseThanV;
            default:
                return null;
        }
    }

    /// <summary>Whether a value meets a single limit (single only).</summary>
    public bool Meets(decimal value) => Kind == LimitKind.Single
        ? value <= _values[0]
        : throw new InvalidOperationException($"{Kind} limits are met per class");
}
