namespace Qingshui.Domain.Review;

/// <summary>What a screening rule makes of a reading it marks. The value is stored as received either way.</summary>
public enum ScreeningVerdict
{
    /// <summary>Counts as valid data and carries no mark.</summary>
    Valid = 0,

    /// <summary>Stays valid, but carries the rule's id so reviewers see it (疑似异常).</summary>
    Suspect = 1,

    /// <summary>Stored, but not valid data (无效数据).</summary>
    Invalid = 2,
}
