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
            DayMean[] days = item
                .GroupBy(o => DateOnly.FromDateTime(o.Time.DateTime))
                .OrderBy(g => g.Key)
                .Select(day => DayOf(item.Key, day.Key, day.Where(o => o.Valid && o.Value >= 0).Select(o => o.Value).ToArray(), day.Count(), rules))
                .ToArray();
            results.AddRange(FromDays(item.Key, days, kind, rules));
        }

        return results;
    }

    /// <summary>
    /// Monthly and annual means of a regular series (a fixed number of values per day from <paramref name="firstDay"/>,
    /// such as the six four-hourly values of national automatic stations), without building an observation per value.
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="firstDay">The local date of the first value.</param>
    /// <param name="valuesPerDay">Values per day.</param>
    /// <param name="values">The values, in the item's unit, day after day.</param>
    /// <param name="valid">Whether each value may be counted.</param>
    /// <param name="rules">Completeness rules.</param>
    public static (IReadOnlyList<PeriodMean> Months, IReadOnlyList<PeriodMean> Years) MonthlyAndAnnual(
        StandardItem item, DateOnly firstDay, int valuesPerDay, ReadOnlySpan<decimal> values, ReadOnlySpan<bool> valid, CompletenessRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentOutOfRangeException.ThrowIfLessThan(valuesPerDay, 1);
        ArgumentOutOfRangeException.ThrowIfNotEqual(valid.Length, values.Length);
        rules ??= CompletenessRules.Default;
        var days = new DayMean[(values.Length + valuesPerDay - 1) / valuesPerDay];
        Span<decimal> dayValues = stackalloc decimal[valuesPerDay];
        for (int d = 0; d < days.Length; d++)
        {
            int start = d * valuesPerDay, count = Math.Min(valuesPerDay, values.Length - start), n = 0;
            for (int i = start; i < start + count; i++)
            {
                if (valid[i] && values[i] >= 0)
                {
                    dayValues[n++] = values[i];
                }
            }

            days[d] = DayOf(item, firstDay.AddDays(d), dayValues[..n].ToArray(), count, rules);
        }

        List<PeriodMean> months = Roll(item, FromDays(item, days, PeriodKind.Day, rules), PeriodKind.Month, rules.MinDaysPerMonth);
        return (months, Roll(item, months, PeriodKind.Year, rules.MinMonthsPerYear));
    }

    /// <summary>The arithmetic mean, or for pH the pH of the mean hydrogen-ion concentration.</summary>
    public static decimal Mean(StandardItem item, IReadOnlyList<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("no values to average", nameof(values));
        }

        if (IsPH(item))
        {
            return PHMean(values);
        }

        decimal sum = 0;
        for (int i = 0; i < values.Count; i++)
        {
            sum += values[i];
        }

        return sum / values.Count;
    }

    /// <summary>−log₁₀ of the mean of 10^−pH (the 2020 statistics rule), to twelve decimals.</summary>
    public static decimal PHMean(IReadOnlyList<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double hydrogen = 0;
        for (int i = 0; i < values.Count; i++)
        {
            hydrogen += Math.Pow(10, -(double)values[i]);
        }

        return Math.Round((decimal)-Math.Log10(hydrogen / values.Count), 12, MidpointRounding.ToEven);
    }

    private static bool IsPH(StandardItem item) => item.Limit.Kind == LimitKind.Range && item.Id == "pH";

    private static DayMean DayOf(StandardItem item, DateOnly day, decimal[] valid, int total, CompletenessRules rules) =>
        new(day, valid.Length >= Math.Max(1, rules.MinValuesPerDay) ? Mean(item, valid) : null, valid.Length, total - valid.Length);

    private static List<PeriodMean> FromDays(StandardItem item, DayMean[] days, PeriodKind kind, CompletenessRules rules)
    {
        var perDay = days.Select(d => new PeriodMean(item, Period.Containing(PeriodKind.Day, d.Day), d.Mean, d.Valid, rules.MinValuesPerDay, d.Invalid)).ToList();
        return kind switch
        {
            PeriodKind.Day => perDay,
            PeriodKind.Month => Roll(item, perDay, PeriodKind.Month, rules.MinDaysPerMonth),
            PeriodKind.Quarter => Roll(item, Roll(item, perDay, PeriodKind.Month, rules.MinDaysPerMonth), PeriodKind.Quarter, rules.MinMonthsPerQuarter),
            _ => Roll(item, Roll(item, perDay, PeriodKind.Month, rules.MinDaysPerMonth), PeriodKind.Year, rules.MinMonthsPerYear),
        };
    }

    // Parts arrive in date order, so each period is a run of consecutive parts.
    private static List<PeriodMean> Roll(StandardItem item, List<PeriodMean> parts, PeriodKind kind, int required)
    {
        var periods = new List<PeriodMean>();
        var means = new List<decimal>();
        int start = 0;
        while (start < parts.Count)
        {
            Period period = Period.Containing(kind, parts[start].Period.Start);
            int end = start, invalid = 0;
            means.Clear();
            while (end < parts.Count && period.Contains(parts[end].Period.Start))
            {
                if (parts[end].Mean is decimal mean)
                {
                    means.Add(mean);
                }

                invalid += parts[end].InvalidValues;
                end++;
            }

            decimal? value = means.Count >= Math.Max(1, required) ? Mean(item, means) : null;
            periods.Add(new PeriodMean(item, period, value, means.Count, required, invalid));
            start = end;
        }

        return periods;
    }

    private readonly record struct DayMean(DateOnly Day, decimal? Mean, int Valid, int Invalid);
}
