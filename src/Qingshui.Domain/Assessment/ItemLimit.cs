namespace Qingshui.Domain.Assessment;

/// <summary>
/// The standard values of one GB 3838-2002 item: five class limits (upper or lower bounds), one range, one single
/// limit, or none. Limits are inclusive; where two classes share a limit the better class is given.
/// </summary>
public sealed partial class ItemLimit
{
    private readonly decimal[] _values;

    // Integer thresholds per decimal scale (ScaledThresholds): classification without decimal arithmetic. Null when the
    // limits do not allow it (negative or not monotone), and ClassOf then compares decimals.
    private readonly ScaledThresholds? _atMost;
    private readonly ScaledThresholds? _atLeast;

    private ItemLimit(LimitKind kind, decimal[] values)
    {
        Kind = kind;
        _values = values;
        switch (kind)
        {
            case LimitKind.UpperBound when IsMonotone(values, ascending: true):
                _atMost = ScaledThresholds.Create(values, atMost: true);
                break;
            case LimitKind.LowerBound when IsMonotone(values, ascending: false):
                _atLeast = ScaledThresholds.Create(values, atMost: false);
                break;
            case LimitKind.Range:
                _atLeast = ScaledThresholds.Create(values.AsSpan(0, 1), atMost: false);
                _atMost = ScaledThresholds.Create(values.AsSpan(1, 1), atMost: true);
                break;
        }
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
        // The integer path gives -1 for negative values, which then take the decimal path below.
        switch (Kind)
        {
            case LimitKind.UpperBound when _atMost is not null && _atMost.CountAbove(value) is int above and >= 0:
                return (WaterClass)(above + 1);
            case LimitKind.LowerBound when _atLeast is not null && _atLeast.CountBelow(value) is int below and >= 0:
                return (WaterClass)(below + 1);
            case LimitKind.Range when _atLeast is not null && _atMost is not null && _atLeast.CountBelow(value) is int low and >= 0:
                return low == 0 && _atMost.CountAbove(value) == 0 ? WaterClass.I : WaterClass.WorseThanV;
            default:
                return DecimalClassOf(value);
        }
    }

    /// <summary>Whether a value meets a single limit (single only).</summary>
    public bool Meets(decimal value) => Kind == LimitKind.Single
        ? value <= _values[0]
        : throw new InvalidOperationException($"{Kind} limits are met per class");

    // The definition the integer path must agree with (ScaledThresholdsTests compare them at every limit).
    internal WaterClass? DecimalClassOf(decimal value)
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

    private static bool IsMonotone(decimal[] values, bool ascending)
    {
        for (int i = 1; i < values.Length; i++)
        {
            if (ascending ? values[i] < values[i - 1] : values[i] > values[i - 1])
            {
                return false;
            }
        }

        return true;
    }
}
