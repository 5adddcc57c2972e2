namespace Qingshui.Domain.Assessment;

/// <summary>
/// Period means from observations (地表水环境质量评价办法 §2.2): valid values only, arithmetic means, pH through the
/// mean hydrogen-ion concentration. A day is the mean of its valid values; a month the mean of its valid days; a
/// quarter and a year the mean of their valid months. A period short of valid data has no mean.
/// </summary>
/// <remarks>
/// A month's mean of day means is taken exactly and rounded once: Σ Sᵈ·(L/nᵈ) / (L·D) over its D valid days, with Sᵈ
/// the exact sum of a day's nᵈ values and L the least common multiple of the nᵈ, so no day mean is rounded on the way.
/// pH likewise: a month is −log₁₀ of the mean of its days' mean H⁺ concentrations, each day's kept as the double
/// Σ10^−pH / n, not turned into a rounded pH and back; rounded once, to twelve decimals.
/// </remarks>
public static partial class PeriodAggregator
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

        return PHOf(hydrogen / values.Count);
    }

    private const long MaxLcm = 1_000_000_000_000;

    private static bool IsPH(StandardItem item) => item.Limit.Kind == LimitKind.Range && item.Id == "pH";

    private static DayMean DayOf(StandardItem item, DateOnly day, decimal[] valid, int total, CompletenessRules rules)
    {
        bool sufficient = valid.Length >= Math.Max(1, rules.MinValuesPerDay);
        if (IsPH(item))
        {
            double hydrogen = 0;
            foreach (decimal v in valid)
            {
                hydrogen += Math.Pow(10, -(double)v);
            }

            return sufficient
                ? new(day, true, PHOf(hydrogen / valid.Length), valid.Length, total - valid.Length, 0, hydrogen / valid.Length)
                : new(day, false, null, valid.Length, total - valid.Length, 0, 0);
        }

        decimal sum = 0;
        foreach (decimal v in valid)
        {
            sum += v;
        }

        return new(day, sufficient, sufficient ? Mean(item, valid) : null, valid.Length, total - valid.Length, sum, 0);
    }

    private static List<PeriodMean> FromDays(StandardItem item, DayMean[] days, PeriodKind kind, CompletenessRules rules)
    {
        if (kind == PeriodKind.Day)
        {
            return days.Select(d => new PeriodMean(item, Period.Containing(PeriodKind.Day, d.Day), d.Mean, d.Valid, rules.MinValuesPerDay, d.Invalid)).ToList();
        }

        List<PeriodMean> months = MonthsOf(item, days, rules);
        return kind switch
        {
            PeriodKind.Month => months,
            PeriodKind.Quarter => Roll(item, months, PeriodKind.Quarter, rules.MinMonthsPerQuarter),
            _ => Roll(item, months, PeriodKind.Year, rules.MinMonthsPerYear),
        };
    }

    // Days arrive in date order, so each month is a run of consecutive days.
    private static List<PeriodMean> MonthsOf(StandardItem item, DayMean[] days, CompletenessRules rules)
    {
        var months = new List<PeriodMean>();
        var dayMeans = new List<decimal>();
        bool pH = IsPH(item);
        int start = 0;
        while (start < days.Length)
        {
            Period month = Period.Containing(PeriodKind.Month, days[start].Day);
            int end = start, invalid = 0, validDays = 0;
            long lcm = 1;
            double hydrogen = 0;
            dayMeans.Clear();
            for (; end < days.Length && month.Contains(days[end].Day); end++)
            {
                invalid += days[end].Invalid;
                if (days[end].Sufficient)
                {
                    validDays++;
                    if (pH)
                    {
                        hydrogen += days[end].Hydrogen;
                    }
                    else
                    {
                        lcm = LcmOrZero(lcm, days[end].Valid);
                        dayMeans.Add(days[end].Mean!.Value);
                    }
                }
            }

            decimal? value = null;
            if (validDays >= Math.Max(1, rules.MinDaysPerMonth))
            {
                value = pH ? PHOf(hydrogen / validDays) : ExactMeanOfDays(days.AsSpan(start, end - start), lcm, validDays) ?? Mean(item, dayMeans);
            }

            months.Add(new PeriodMean(item, month, value, validDays, rules.MinDaysPerMonth, invalid));
            start = end;
        }

        return months;
    }

    // Σ Sᵈ·(L/nᵈ) / (L·D): the mean of the exact day means, rounded once. Null when the exact numerator is out of
    // decimal's reach (day counts whose common multiple is huge, sums near decimal's limits): the caller then averages
    // the day means as they are.
    private static decimal? ExactMeanOfDays(ReadOnlySpan<DayMean> days, long lcm, int validDays)
    {
        if (lcm == 0)
        {
            return null;
        }

        try
        {
            decimal numerator = 0;
            foreach (DayMean day in days)
            {
                if (day.Sufficient)
                {
                    numerator += day.Sum * (lcm / day.Valid);
                }
            }

            return numerator / ((decimal)lcm * validDays);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    // The least common multiple, or 0 once it passes 10¹² (or already was 0).
    private static long LcmOrZero(long a, long b)
    {
        if (a == 0)
        {
            return 0;
        }

        long x = a, y = b;
        while (y != 0)
        {
            (x, y) = (y, x % y);
        }

        long lcm = a / x;
        return lcm > MaxLcm / b ? 0 : lcm * b;
    }

    // Parts arrive in date order, so each period is a run of consecutive parts. The means are summed as Mean and PHMean
    // sum them (decimals in order; for pH, 10^−pH of each in order), without a list between.
    private static List<PeriodMean> Roll(StandardItem item, List<PeriodMean> parts, PeriodKind kind, int required)
    {
        var periods = new List<PeriodMean>(1);
        bool pH = IsPH(item);
        int start = 0;
        while (start < parts.Count)
        {
            Period period = Period.Containing(kind, parts[start].Period.Start);
            DateOnly periodEnd = period.End;
            int end = start, invalid = 0, count = 0;
            decimal sum = 0;
            double hydrogen = 0;
            for (; end < parts.Count && parts[end].Period.Start < periodEnd; end++)
            {
                if (parts[end].Mean is decimal mean)
                {
                    count++;
                    if (pH)
                    {
                        hydrogen += Math.Pow(10, -(double)mean);
                    }
                    else
                    {
                        sum += mean;
                    }
                }

                invalid += parts[end].InvalidValues;
            }

            decimal? value = count >= Math.Max(1, required) ? pH ? PHOf(hydrogen / count) : sum / count : null;
            periods.Add(new PeriodMean(item, period, value, count, required, invalid));
            start = end;
        }

        return periods;
    }

    // Sufficient: enough valid values for a mean. Mean: the day's mean (null when insufficient). Sum: the exact sum of
    // the valid values (not for pH). Hydrogen: for pH, the mean 10^−pH of the valid values, which months average.
    private readonly record struct DayMean(DateOnly Day, bool Sufficient, decimal? Mean, int Valid, int Invalid, decimal Sum, double Hydrogen);
}
