using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Qingshui.Domain.Assessment;

/// <summary>Means of regular series (a fixed number of values a day), at memory speed.</summary>
public static partial class PeriodAggregator
{
    // Values are summed as integers at this scale (micro-units) when every value fits it; other series take the
    // decimal path, which gives the same means.
    private const int CommonScale = 6;
    private const long MaxScaled = 1L << 53;
    private const int MaxIntegerValuesPerDay = 1024;
    private static readonly long[] Powers = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

    // The mantissas that fit per scale (below 2^53 once scaled to micro-units), so no day pays a division to know.
    private static readonly ulong[] MantissaBounds = Enumerable.Range(0, CommonScale + 1).Select(s => (ulong)(MaxScaled / Powers[CommonScale - s])).ToArray();

    /// <summary>
    /// Monthly and annual means of a regular series (a fixed number of values per day from <paramref name="firstDay"/>,
    /// such as the six four-hourly values of national automatic stations), without building an observation per value.
    /// The same means as <see cref="Aggregate"/> gives for the same values.
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
        List<PeriodMean>? months = IsPH(item)
            ? PHMonths(item, firstDay, valuesPerDay, values, valid, rules)
            : valuesPerDay > MaxIntegerValuesPerDay ? null : IntegerMonths(item, firstDay, valuesPerDay, values, valid, rules);
        months ??= MonthsOf(item, RegularDays(item, firstDay, valuesPerDay, values, valid, rules), rules);
        return (months, Roll(item, months, PeriodKind.Year, rules.MinMonthsPerYear));
    }

    // Month by month: exact day sums in micro-units, then Σ Sᵈ·(L/nᵈ) / (L·D) as one decimal division, the same
    // numerator and divisor MonthsOf builds from decimal sums. Null when a value does not fit the integer path.
    private static List<PeriodMean>? IntegerMonths(
        StandardItem item, DateOnly firstDay, int valuesPerDay, ReadOnlySpan<decimal> values, ReadOnlySpan<bool> valid, CompletenessRules rules)
    {
        int dayCount = (values.Length + valuesPerDay - 1) / valuesPerDay;
        int minValues = Math.Max(1, rules.MinValuesPerDay);
        var months = new List<PeriodMean>((dayCount / 28) + 2);
        Span<long> sums = stackalloc long[31];
        Span<int> counts = stackalloc int[31];
        DateOnly day = firstDay;
        for (int d = 0; d < dayCount;)
        {
            int monthEnd = Math.Min(dayCount, d + DateTime.DaysInMonth(day.Year, day.Month) - day.Day + 1);
            if (!TryOneScaleMonth(values, valid, valuesPerDay, d, monthEnd, minValues, out UInt128 numerator, out long lcm, out int validDays, out int invalid)
                && !TryMonthByDays(values, valid, valuesPerDay, d, monthEnd, minValues, sums, counts, out numerator, out lcm, out validDays, out invalid))
            {
                return null;
            }

            decimal? mean = null;
            if (validDays >= Math.Max(1, rules.MinDaysPerMonth))
            {
                if (lcm == 0 || numerator >> 96 != 0)
                {
                    return null;
                }

                var exact = new decimal(unchecked((int)(uint)numerator), unchecked((int)(uint)(numerator >> 32)), unchecked((int)(uint)(numerator >> 64)), false, CommonScale);
                mean = exact / (lcm * validDays);
            }

            months.Add(new PeriodMean(item, Period.Containing(PeriodKind.Month, day), mean, validDays, rules.MinDaysPerMonth, invalid));
            day = day.AddDays(monthEnd - d);
            d = monthEnd;
        }

        return months;
    }

    // Day by day: exact day sums in micro-units and their numerator Σ Sᵈ·(L/nᵈ); false when a value does not fit.
    private static bool TryMonthByDays(
        ReadOnlySpan<decimal> values, ReadOnlySpan<bool> valid, int valuesPerDay, int firstDay, int endDay, int minValues, Span<long> sums, Span<int> counts,
        out UInt128 numerator, out long lcm, out int validDays, out int invalid)
    {
        numerator = 0;
        validDays = 0;
        invalid = 0;
        lcm = 1;
        for (int k = firstDay; k < endDay; k++)
        {
            int start = k * valuesPerDay, count = Math.Min(valuesPerDay, values.Length - start);
            if (!TryDaySum(values.Slice(start, count), valid.Slice(start, count), out long sum, out int n))
            {
                return false;
            }

            invalid += count - n;
            if (n >= minValues)
            {
                sums[validDays] = sum;
                counts[validDays] = n;
                validDays++;

                // Most days have as many values as the days before: the common multiple stays.
                lcm = n == lcm || lcm % n == 0 ? lcm : LcmOrZero(lcm, n);
            }
        }

        if (lcm == 0)
        {
            return true;
        }

        // Days mostly have the same count: the factor L/nᵈ is divided out only when the count changes.
        int factorCount = 0;
        long factor = 0;
        for (int j = 0; j < validDays; j++)
        {
            if (counts[j] != factorCount)
            {
                factorCount = counts[j];
                factor = lcm / factorCount;
            }

            numerator += (UInt128)(ulong)sums[j] * (ulong)factor;
        }

        return true;
    }

    // The day's valid, non-negative values summed in micro-units; false when one has more decimals or digits than fit.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryDaySum(ReadOnlySpan<decimal> values, ReadOnlySpan<bool> valid, out long sum, out int n)
    {
        return TryOneScaleDaySum(values, valid, out sum, out n) || TryMixedDaySum(values, valid, out sum, out n);
    }

    // The common day: every valid value written with the first value's scale (at most six decimals, non-negative,
    // mantissa within bounds), summed as mantissas without a branch per value and scaled once.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryOneScaleDaySum(ReadOnlySpan<decimal> values, ReadOnlySpan<bool> valid, out long sum, out int n)
    {
        unchecked
        {
            ref ulong words = ref Unsafe.As<decimal, ulong>(ref MemoryMarshal.GetReference(values));
            ref byte taken = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(valid));
            ulong head = words;
            int scale = (int)((head >> 16) & 0xFF);
            sum = 0;
            n = 0;
            if (head != (ulong)scale << 16 || scale > CommonScale)
            {
                return false;
            }

            // A head (flags and high mantissa word) equal to the first's: same scale, non-negative, below 2^64.
            ulong bound = MantissaBounds[scale], total = 0, misfit = 0;
            int count = 0;
            for (int i = 0; i < values.Length; i++)
            {
                ulong mask = Unsafe.Add(ref taken, i) != 0 ? ulong.MaxValue : 0;
                ulong lo = Unsafe.Add(ref words, (2 * i) + 1);
                misfit |= ((Unsafe.Add(ref words, 2 * i) ^ head) | (lo >= bound ? 1UL : 0)) & mask;
                total += lo & mask;
                count += (int)(mask & 1);
            }

            if (misfit != 0)
            {
                return false;
            }

            // At most 1024 values below 2^53 / 10^(6 − scale): the scaled sum stays below 2^63.
            sum = (long)total * Powers[CommonScale - scale];
            n = count;
            return true;
        }
    }

    private static bool TryMixedDaySum(ReadOnlySpan<decimal> values, ReadOnlySpan<bool> valid, out long sum, out int n)
    {
        sum = 0;
        n = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (!valid[i])
            {
                continue;
            }

            ScaledThresholds.DecimalParts parts = Unsafe.As<decimal, ScaledThresholds.DecimalParts>(ref Unsafe.AsRef(in values[i]));
            if (parts.Flags < 0 && (parts.Lo | parts.Hi) != 0)
            {
                continue;
            }

            int scale = (parts.Flags >> 16) & 0xFF;
            if (parts.Hi != 0 || scale > CommonScale || parts.Lo >= (ulong)(MaxScaled / Powers[CommonScale - scale]))
            {
                return false;
            }

            sum += (long)parts.Lo * Powers[CommonScale - scale];
            n++;
        }

        return true;
    }

    private static DayMean[] RegularDays(
        StandardItem item, DateOnly firstDay, int valuesPerDay, ReadOnlySpan<decimal> values, ReadOnlySpan<bool> valid, CompletenessRules rules)
    {
        var days = new DayMean[(values.Length + valuesPerDay - 1) / valuesPerDay];
        var dayValues = new decimal[valuesPerDay];
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

            days[d] = DayOf(item, firstDay.AddDays(d), dayValues[..n], count, rules);
        }

        return days;
    }
}
