namespace Qingshui.Domain.Assessment;

/// <summary>
/// Period means from observations (地表水环境质量评价办法 §2.2): valid values only, arithmetic means, pH through the
/// mean hydrogen-ion concentration. A day is the mean of its valid values; a month the mean of its valid days; a
/// quarter and a year the mean of their valid months. A period short of valid data has no mean.
/// </summary>
public static class PeriodAggregator
{
    /// <summary>Means of every item over every period of the given kind that has any observation.</summary>
    public static IReadOnlyList<PeriodMean> Aggregate(IEnumerable<Observation> observations, PeriodKind kind, CompletenessRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(observations);
        rules ??= CompletenessRules.Default;
        var results = new List<PeriodMean>();
        foreach (IGrouping<StandardItem, Observation> item in observations.GroupBy(o => o.Item))
        {
            List<PeriodMean> days = Days(item.Key, item, rules);
            results.AddRange(kind switch
            {
                PeriodKind.Day => days,
                PeriodKind.Month => Roll(item.Key, days, PeriodKind.Month, rules.MinDaysPerMonth),
                PeriodKind.Quarter => Roll(item.Key, Roll(item.Key, days, PeriodKind.Month, rules.MinDaysPerMonth), PeriodKind.Quarter, rules.MinMonthsPerQuarter),
                _ => Roll(item.Key, Roll(item.Key, days, PeriodKind.Month, rules.MinDaysPerMonth), PeriodKind.Year, rules.MinMonthsPerYear),
            });
        }

        return results;
    }

    private static List<PeriodMean> Days(StandardItem item, IEnumerable<Observation> observations, CompletenessRules rules) =>
        observations
            .GroupBy(o => DateOnly.FromDateTime(o.Time.DateTime))
            .OrderBy(g => g.Key)
            .Select(day =>
            {
                decimal[] valid = day.Where(o => o.Valid && o.Value >= 0).Select(o => o.Value).ToArray();
                int invalid = day.Count() - valid.Length;
                decimal? mean = valid.Length >= Math.Max(1, rules.MinValuesPerDay) ? Mean(item, valid) : null;
                return new PeriodMean(item, Period.Containing(PeriodKind.Day, day.Key), mean, valid.Length, rules.MinValuesPerDay, invalid);
            })
            .ToList();

    private static List<PeriodMean> Roll(StandardItem item, List<PeriodMean> parts, PeriodKind kind, int required) =>
        parts
            .GroupBy(p => Period.Containing(kind, p.Period.Start))
            .OrderBy(g => g.Key.Start)
            .Select(period =>
            {
                decimal[] valid = period.Where(p => p.Mean is not null).Select(p => p.Mean!.Value).ToArray();
                decimal? mean = valid.Length >= Math.Max(1, required) ? Mean(item, valid) : null;
                return new PeriodMean(item, period.Key, mean, valid.Length, required, period.Sum(p => p.InvalidValues));
            })
            .ToList();

    /// <summary>The arithmetic mean, or for pH the pH of the mean hydrogen-ion concentration.</summary>
    public static decimal Mean(StandardItem item, IReadOnlyList<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("no values to average", nameof(values));
        }

        return item.Limit.Kind == LimitKind.Range && item.Id == "pH" ? PHMean(values) : values.Sum() / values.Count;
    }

    /// <summary>−log₁₀ of the mean of 10^−pH (the 2020 statistics rule), to twelve decimals.</summary>
    public static decimal PHMean(IReadOnlyList<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double hydrogen = values.Average(v => Math.Pow(10, -(double)v));
        return Math.Round((decimal)-Math.Log10(hydrogen), 12, MidpointRounding.ToEven);
    }
}
