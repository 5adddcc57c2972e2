namespace Qingshui.Domain.Assessment;

/// <summary>The reckoning periods of evaluation.</summary>
public enum PeriodKind
{
    /// <summary>A calendar day in the station's local time.</summary>
    Day,

    /// <summary>A calendar month.</summary>
    Month,

    /// <summary>A calendar quarter.</summary>
    Quarter,

    /// <summary>A calendar year.</summary>
    Year,
}
