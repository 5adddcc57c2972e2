namespace Qingshui.Domain.Assessment;

/// <summary>What came of judging one item.</summary>
public enum ItemStatus
{
    /// <summary>A class was found (Tables 1: Ⅰ…Ⅴ or 劣Ⅴ).</summary>
    Classified,

    /// <summary>A single-limit item (Tables 2, 3) met its limit.</summary>
    MeetsLimit,

    /// <summary>A single-limit item exceeded its limit.</summary>
    ExceedsLimit,

    /// <summary>The item has no class limit (water temperature).</summary>
    NotClassified,

    /// <summary>No usable value: missing, or negative (which no instrument can truly measure). Never silently a class.</summary>
    NotMeasured,
}
