using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Qingshui.Domain.Assessment;

/// <summary>pH means of regular series through H⁺: 10^−pH looked up once per value, one logarithm per month.</summary>
public static partial class PeriodAggregator
{
    private const int HydrogenScales = 4;

    // 10^−pH for pH written with up to three decimals (mantissa 0 … 14·10^scale), computed exactly as PHMean does,
    // and one slot more holding +0.0: an invalid value reads it, and adding +0.0 leaves a day's sum as it was.
    private static readonly double[][] HydrogenByScale = HydrogenTable();

    // The pH of a mean H⁺ concentration, to twelve decimals.
    private static decimal PHOf(double meanHydrogen) => TwelveDecimals.Of(-Math.Log10(meanHydrogen));

    private static double[][] HydrogenTable()
    {
        var rows = new double[HydrogenScales][];
        for (int scale = 0, top = 14; scale < HydrogenScales; scale++, top *= 10)
        {
            rows[scale] = new double[top + 2];
            for (int m = 0; m <= top; m++)
            {
                rows[scale][m] = Math.Pow(10, -(double)new decimal(m, 0, 0, false, (byte)scale));
            }
        }

        return rows;
    }

    // pH month by month, as MonthsOf averages DayOf's days: each day's Σ10^−pH / n in value order, the month's mean of
    // those in day order, one logarithm per month.
    private static List<PeriodMean> PHMonths(
        StandardItem item, DateOnly firstDay, int valuesPerDay, ReadOnlySpan<decimal> values, ReadOnlySpan<bool> valid, CompletenessRules rules)
    {
        int dayCount = (values.Length + valuesPerDay - 1) / valuesPerDay;
        int minValues = Math.Max(1, rules.MinValuesPerDay);
        var months = new List<PeriodMean>((dayCount / 28) + 2);
        DateOnly day = firstDay;
        for (int d = 0; d < dayCount;)
        {
            int monthEnd = Math.Min(dayCount, d + DateTime.DaysInMonth(day.Year, day.Month) - day.Day + 1);
            (double hydrogen, int validDays, int invalid) = MonthHydrogen(values, valid, valuesPerDay, d, monthEnd, minValues);
            decimal? mean = validDays >= Math.Max(1, rules.MinDaysPerMonth) ? PHOf(hydrogen / validDays) : null;
            months.Add(new PeriodMean(item, Period.Containing(PeriodKind.Month, day), mean, validDays, rules.MinDaysPerMonth, invalid));
            day = day.AddDays(monthEnd - d);
            d = monthEnd;
        }

        return months;
    }

    // A month's (days firstDay … endDay − 1 of the series) Σ over its days with enough valid values of Σ10^−pH / n, in
    // day and value order; how many such days; how many values were not counted.
    internal static (double Hydrogen, int ValidDays, int Invalid) MonthHydrogen(
        ReadOnlySpan<decimal> values, ReadOnlySpan<bool> valid, int perDay, int firstDay, int endDay, int minValues)
    {
        return TryOneScalePHMonth(values, valid, perDay, firstDay, endDay, minValues, out double hydrogen, out int validDays, out int invalid)
            ? (hydrogen, validDays, invalid)
            : PHMonthByDays(values, valid, perDay, firstDay, endDay, minValues);
    }

    // The common month: every valid value non-negative, written with one scale of at most three decimals, within the
    // table. Checked for the whole month at once, then each value is one lookup and one addition: the sums are
    // PHMonthByDays' to the bit. False otherwise, or when the month has no valid value.
    private static bool TryOneScalePHMonth(
        ReadOnlySpan<decimal> values, ReadOnlySpan<bool> valid, int perDay, int firstDay, int endDay, int minValues,
        out double hydrogen, out int validDays, out int invalid)
    {
        hydrogen = 0;
        validDays = 0;
        invalid = 0;
        int a = firstDay * perDay, b = Math.Min(values.Length, endDay * perDay);
        ReadOnlySpan<byte> taken = MemoryMarshal.AsBytes(valid.Slice(a, b - a));
        int firstValid = taken.IndexOfAnyExcept((byte)0);
        if (firstValid < 0)
        {
            return false;
        }

        ReadOnlySpan<ulong> words = MemoryMarshal.Cast<decimal, ulong>(values.Slice(a, b - a));
        ulong head = words[2 * firstValid];
        int scale = unchecked((int)((head >> 16) & 0xFF));
        if (head != (ulong)scale << 16 || scale >= HydrogenScales)
        {
            return false;
        }

        // Invalid values mostly look like the valid ones: all checked at once, else the valid ones alone.
        double[] row = HydrogenByScale[scale];
        if (!AllWithin(words, head, (ulong)(row.Length - 2)) && !TrySumMantissas(words, taken, head, (ulong)(row.Length - 1), out _, out _))
        {
            return false;
        }

        hydrogen = SumOfDayMeans(words, taken, row, perDay, minValues, out validDays, out invalid);
        return true;
    }

    // Σ over the days with enough valid values of their Σ10^−pH / n, in order. A day with an invalid value reads +0.0 for
    // it, which leaves the sum as it was. No call in the loop and not inlined, so the running sum stays in a register;
    // unchecked: the indexes stay within the month's spans and the table's checked row.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double SumOfDayMeans(
        ReadOnlySpan<ulong> words, ReadOnlySpan<byte> taken, double[] row, int perDay, int minValues, out int validDays, out int invalid)
    {
        unchecked
        {
            nuint zero = (nuint)(row.Length - 1);
            ref double table = ref MemoryMarshal.GetArrayDataReference(row);
            ref ulong w = ref MemoryMarshal.GetReference(words);
            ref byte t = ref MemoryMarshal.GetReference(taken);
            int length = taken.Length, days = 0, left = 0;
            double hydrogen = 0;
            for (int start = 0; start < length; start += perDay)
            {
                int end = Math.Min(start + perDay, length), n = end - start;
                double sum = 0;
                if (n == 6 && Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref t, start)) == 0x01010101
                    && Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref t, start + 4)) == 0x0101)
                {
                    sum = SixValues(ref Unsafe.Add(ref w, 2 * start), ref table);
                }
                else
                {
                    n = 0;
                    for (int i = start; i < end; i++)
                    {
                        bool take = Unsafe.Add(ref t, i) != 0;
                        sum += Unsafe.Add(ref table, take ? (nuint)Unsafe.Add(ref w, (2 * i) + 1) : zero);
                        n += take ? 1 : 0;
                    }
                }

                left += end - start - n;
                if (n >= minValues)
                {
                    hydrogen += sum / n;
                    days++;
                }
            }

            validDays = days;
            invalid = left;
            return hydrogen;
        }
    }

    // The national stations' six values a day, in order, written out (a third of the looped day's time).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double SixValues(ref ulong words, ref double table)
    {
        unchecked
        {
            double sum = Unsafe.Add(ref table, (nuint)Unsafe.Add(ref words, 1));
            sum += Unsafe.Add(ref table, (nuint)Unsafe.Add(ref words, 3));
            sum += Unsafe.Add(ref table, (nuint)Unsafe.Add(ref words, 5));
            sum += Unsafe.Add(ref table, (nuint)Unsafe.Add(ref words, 7));
            sum += Unsafe.Add(ref table, (nuint)Unsafe.Add(ref words, 9));
            return sum + Unsafe.Add(ref table, (nuint)Unsafe.Add(ref words, 11));
        }
    }

    // Whether every value (valid or not) has the head and a mantissa of at most the limit: one pass of vector maxima.
    private static bool AllWithin(ReadOnlySpan<ulong> words, ulong head, ulong limit)
    {
        ref ulong w = ref MemoryMarshal.GetReference(words);
        Vector256<ulong> pattern = Vector256.Create(head, 0, head, 0), most = Vector256<ulong>.Zero;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<ulong> wide = Vector512.Create(pattern, pattern), first = Vector512<ulong>.Zero, second = Vector512<ulong>.Zero;
            for (; i + 16 <= words.Length; i += 16)
            {
                first = Vector512.Max(first, Vector512.LoadUnsafe(ref w, (nuint)i) ^ wide);
                second = Vector512.Max(second, Vector512.LoadUnsafe(ref w, (nuint)i + 8) ^ wide);
            }

            first = Vector512.Max(first, second);
            most = Vector256.Max(first.GetLower(), first.GetUpper());
        }

        for (; i + 4 <= words.Length; i += 4)
        {
            most = Vector256.Max(most, Vector256.LoadUnsafe(ref w, (nuint)i) ^ pattern);
        }

        ulong heads = most[0] | most[2], mantissa = Math.Max(most[1], most[3]);
        for (; i < words.Length; i += 2)
        {
            heads |= words[i] ^ head;
            mantissa = Math.Max(mantissa, words[i + 1]);
        }

        return heads == 0 && mantissa <= limit;
    }

    // Day by day, each day's values taken apart on their own (mixed scales, values beyond the table).
    private static (double Hydrogen, int ValidDays, int Invalid) PHMonthByDays(
        ReadOnlySpan<decimal> values, ReadOnlySpan<bool> valid, int perDay, int firstDay, int endDay, int minValues)
    {
        int validDays = 0, invalid = 0;
        double hydrogen = 0;
        for (int k = firstDay; k < endDay; k++)
        {
            int start = k * perDay, count = Math.Min(perDay, values.Length - start);
            (double sum, int n) = HydrogenSum(values.Slice(start, count), valid.Slice(start, count));
            invalid += count - n;
            if (n >= minValues)
            {
                hydrogen += sum / n;
                validDays++;
            }
        }

        return (hydrogen, validDays, invalid);
    }

    // Σ10^−pH over the day's valid, non-negative values, in order, and how many there were.
    private static (double Sum, int Count) HydrogenSum(ReadOnlySpan<decimal> values, ReadOnlySpan<bool> valid)
    {
        return TryOneScaleHydrogenSum(values, valid, out double sum, out int n) ? (sum, n) : MixedHydrogenSum(values, valid);
    }

    // Every valid value written with the first value's scale (at most three decimals, non-negative), looked up in that
    // scale's row without taking the value apart again.
    private static bool TryOneScaleHydrogenSum(ReadOnlySpan<decimal> values, ReadOnlySpan<bool> valid, out double sum, out int n)
    {
        ref ulong words = ref Unsafe.As<decimal, ulong>(ref MemoryMarshal.GetReference(values));
        ulong head = words;
        int scale = unchecked((int)((head >> 16) & 0xFF));
        sum = 0;
        n = 0;
        if (head != (ulong)scale << 16 || scale >= HydrogenScales)
        {
            return false;
        }

        double[] row = HydrogenByScale[scale];
        for (int i = 0; i < values.Length; i++)
        {
            if (valid[i])
            {
                ulong lo = Unsafe.Add(ref words, (2 * i) + 1);
                if (Unsafe.Add(ref words, 2 * i) != head || lo >= (ulong)(row.Length - 1))
                {
                    return false;
                }

                sum += row[lo];
                n++;
            }
        }

        return true;
    }

    private static (double Sum, int Count) MixedHydrogenSum(ReadOnlySpan<decimal> values, ReadOnlySpan<bool> valid)
    {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < values.Length; i++)
        {
            ScaledThresholds.DecimalParts parts = Unsafe.As<decimal, ScaledThresholds.DecimalParts>(ref Unsafe.AsRef(in values[i]));
            if (!valid[i] || (parts.Flags < 0 && (parts.Lo | parts.Hi) != 0))
            {
                continue;
            }

            int scale = (parts.Flags >> 16) & 0xFF;
            sum += parts.Flags >= 0 && parts.Hi == 0 && scale < HydrogenScales && parts.Lo < (ulong)(HydrogenByScale[scale].Length - 1)
                ? HydrogenByScale[scale][parts.Lo]
                : Math.Pow(10, -(double)values[i]);
            n++;
        }

        return (sum, n);
    }
}
