namespace Qingshui.Domain.Assessment;

/// <summary>How a GB 3838-2002 item's standard values are read.</summary>
public enum LimitKind
{
    /// <summary>Five upper limits, Ⅰ to Ⅴ (≤, inclusive): most Table 1 items.</summary>
    UpperBound,

    /// <summary>Five lower limits, Ⅰ to Ⅴ (≥, inclusive): dissolved oxygen.</summary>
    LowerBound,

    /// <summary>One range shared by every class (pH 6–9, inclusive); outside it is 劣Ⅴ.</summary>
    Range,

    /// <summary>One limit, not per class (Tables 2 and 3, drinking-water sources).</summary>
    Single,

    /// <summary>No numeric class limit (water temperature).</summary>
    None,
}
