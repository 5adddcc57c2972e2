namespace Qingshui.Domain.Assessment;

/// <summary>
/// How much valid data a period needs before it gets a mean (and a class). Below the threshold the period is
/// "insufficient data", never a class from too little.
/// </summary>
/// <remarks>
/// The official automatic-data rules (环办监测函〔2020〕82号, 总站水字〔2020〕90号) were not available, so these defaults are
/// Qingshui's, chosen from what the 2011 evaluation method is reported to allow (one sample may stand for a week or a
/// month; a quarter needs at least two; a year normally twelve monthly values, at least eight). Agreements that need
/// stricter rules set them (docs/assessment.md).
/// </remarks>
/// <param name="MinValuesPerDay">Valid values a day needs (default 1).</param>
/// <param name="MinDaysPerMonth">Valid days a month needs (default 1).</param>
/// <param name="MinMonthsPerQuarter">Valid months a quarter needs (default 2).</param>
/// <param name="MinMonthsPerYear">Valid months a year needs (default 8).</param>
public sealed record CompletenessRules(int MinValuesPerDay = 1, int MinDaysPerMonth = 1, int MinMonthsPerQuarter = 2, int MinMonthsPerYear = 8)
{
    /// <summary>The defaults above.</summary>
    public static CompletenessRules Default { get; } = new();
}
