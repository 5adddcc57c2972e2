using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Qingshui.Domain.Assessment;

/// <summary>A month of a regular series whose valid values share one scale: one vector sum over the whole month.</summary>
/// <remarks>
/// The month's numerator Σ Sᵈ·(L/nᵈ) needs a day's own sum only when the day has fewer values than the series gives a
/// day: with T the sum of all valid values of the month and v the values per day, it is (T − Σₑ Sₑ)·(L/v) + Σₑ Sₑ·(L/nₑ)
/// over the days e short of values (an invalid value, or the series ending), the same integer the day-by-day path adds.
/// </remarks>
public static partial class PeriodAggregator
{
    // At most 2^11 values of at most 2^53 each: the month's mantissa sum stays below 2^64.
    private const int MaxOneScaleMonthValues = 2048;

    // The month's numerator (micro-units), common multiple, valid days and invalid values, when every valid value is
    // non-negative with one scale of at most six decimals and a mantissa that fits; false otherwise (the caller then
    // goes day by day). The numerator is left 0 when the common multiple passed its bound (lcm 0).
    private static bool TryOneScaleMonth(
        ReadOnlySpan<decimal> values, ReadOnlySpan<bool> valid, int perDay, int firstDay, int endDay, int minValues,
        out UInt128 numerator, out long lcm, out int validDays, out int invalid)
    {
        numerator = 0;
        lcm = 1;
        validDays = 0;
        invalid = 0;
        int a = firstDay * perDay, b = Math.Min(values.Length, endDay * perDay);
        ReadOnlySpan<byte> taken = MemoryMarshal.AsBytes(valid.Slice(a, b - a));
        int firstValid = taken.IndexOfAnyExcept((byte)0);
        if (perDay < minValues || b - a > MaxOneScaleMonthValues || firstValid < 0)
        {
            return false;
        }

        ReadOnlySpan<ulong> words = MemoryMarshal.Cast<decimal, ulong>(values.Slice(a, b - a));
        ulong head = words[2 * firstValid];
        int scale = unchecked((int)((head >> 16) & 0xFF));
        if (head != (ulong)scale << 16 || scale > CommonScale)
        {
            return false;
        }

        // Invalid values mostly look like the valid ones: sum them all, then take the invalid ones out day by day.
        bool withInvalid = TrySumAll(words, head, MantissaBounds[scale], out ulong total);
        int count = (b - a) - taken.Count((byte)0);
        if (!withInvalid && !TrySumMantissas(words, taken, head, MantissaBounds[scale], out total, out count))
        {
            return false;
        }

        invalid = (b - a) - count;
        int fullDays = endDay - firstDay;
        Span<ulong> shortSums = stackalloc ulong[31];
        Span<int> shortCounts = stackalloc int[31];
        int shortDays = 0;
        ulong full = total;

        // Days with an invalid value, found by their invalid values, then a last day the series cuts short.
        int lastShort = -1;
        for (int at = taken.IndexOf((byte)0); at >= 0;)
        {
            lastShort = at / perDay * perDay;
            int dayEnd = Math.Min(lastShort + perDay, b - a);
            AddShortDay(words, taken, lastShort, dayEnd, minValues, withInvalid, shortSums, shortCounts, ref shortDays, ref full);
            int next = taken[dayEnd..].IndexOf((byte)0);
            at = next < 0 ? -1 : dayEnd + next;
        }

        int cut = (b - a) / perDay * perDay;
        if (cut < b - a && lastShort != cut)
        {
            AddShortDay(words, taken, cut, b - a, minValues, withInvalid, shortSums, shortCounts, ref shortDays, ref full);
        }

        fullDays -= shortDays;
        validDays = fullDays;
        lcm = fullDays > 0 ? perDay : 1;
        for (int e = 0; e < shortDays; e++)
        {
            if (shortCounts[e] > 0)
            {
                validDays++;
                lcm = lcm == 0 || lcm % shortCounts[e] == 0 ? lcm : LcmOrZero(lcm, shortCounts[e]);
            }
        }

        if (lcm == 0)
        {
            return true;
        }

        UInt128 micro = fullDays > 0 ? (UInt128)full * (ulong)(lcm / perDay) : 0;
        for (int e = 0; e < shortDays; e++)
        {
            if (shortCounts[e] > 0)
            {
                micro += (UInt128)shortSums[e] * (ulong)(lcm / shortCounts[e]);
            }
        }

        numerator = micro * (ulong)Powers[CommonScale - scale];
        return true;
    }

    // A day short of values: its sum (with its invalid values when the month's sum has them) leaves the full days'
    // sum; its valid values' sum and count are kept, the count 0 when too few to count.
    private static void AddShortDay(
        ReadOnlySpan<ulong> words, ReadOnlySpan<byte> taken, int dayStart, int dayEnd, int minValues, bool withInvalid,
        Span<ulong> sums, Span<int> counts, ref int days, ref ulong full)
    {
        ulong sum = 0, all = 0;
        int n = 0;
        for (int i = dayStart; i < dayEnd; i++)
        {
            all += words[(2 * i) + 1];
            if (taken[i] != 0)
            {
                sum += words[(2 * i) + 1];
                n++;
            }
        }

        full -= withInvalid ? all : sum;
        sums[days] = sum;
        counts[days] = n >= minValues ? n : 0;
        days++;
    }

    // Σ mantissas of all the values, when every one has the head and a mantissa below the largest power of two under
    // the bound (a stricter test than the bound, cheap to take for a whole step).
    private static bool TrySumAll(ReadOnlySpan<ulong> words, ulong head, ulong bound, out ulong total)
    {
        unchecked
        {
            ulong heads = 0, bits = 0, sum = 0;
            int i = 0;
            if (Avx2.IsSupported)
            {
                ref ulong w = ref MemoryMarshal.GetReference(words);
                Vector256<ulong> expected = Vector256.Create(head);
                Vector256<ulong> headsV = Vector256<ulong>.Zero, bitsV = Vector256<ulong>.Zero, sums = Vector256<ulong>.Zero;
                for (; i + 4 <= words.Length / 2; i += 4)
                {
                    Vector256<ulong> v0 = Vector256.LoadUnsafe(ref w, (nuint)i * 2), v1 = Vector256.LoadUnsafe(ref w, ((nuint)i * 2) + 4);
                    Vector256<ulong> m = Avx2.UnpackHigh(v0, v1);
                    headsV |= Avx2.UnpackLow(v0, v1) ^ expected;
                    bitsV |= m;
                    sums += m;
                }

                heads = headsV == Vector256<ulong>.Zero ? 0UL : 1UL;
                bits = bitsV[0] | bitsV[1] | bitsV[2] | bitsV[3];
                sum = Vector256.Sum(sums);
            }

            for (; i < words.Length / 2; i++)
            {
                heads |= words[2 * i] ^ head;
                bits |= words[(2 * i) + 1];
                sum += words[(2 * i) + 1];
            }

            total = sum;
            return heads == 0 && bits < (1UL << (63 - System.Numerics.BitOperations.LeadingZeroCount(bound)));
        }
    }

    // Σ mantissas and the count of the valid values, false when a valid one has another head or too large a mantissa.
    private static bool TrySumMantissas(ReadOnlySpan<ulong> words, ReadOnlySpan<byte> taken, ulong head, ulong bound, out ulong total, out int count)
    {
        unchecked
        {
            ulong misfit = 0, sum = 0;
            int n = 0, i = 0;
            if (Avx2.IsSupported)
            {
                ref ulong w = ref MemoryMarshal.GetReference(words);
                ref byte t = ref MemoryMarshal.GetReference(taken);
                Vector256<ulong> heads = Vector256.Create(head), bounds = Vector256.Create(bound);
                Vector256<ulong> misfits = Vector256<ulong>.Zero, sums = Vector256<ulong>.Zero, counts = Vector256<ulong>.Zero;
                for (; i + 4 <= taken.Length; i += 4)
                {
                    Vector256<ulong> v0 = Vector256.LoadUnsafe(ref w, (nuint)i * 2), v1 = Vector256.LoadUnsafe(ref w, ((nuint)i * 2) + 4);

                    // Heads and mantissas of values i … i+3 in lane order 0, 2, 1, 3; the validity bytes put in that order.
                    Vector256<ulong> h = Avx2.UnpackLow(v0, v1), m = Avx2.UnpackHigh(v0, v1);
                    Vector128<byte> four = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref t, i))).AsByte();
                    Vector256<ulong> flags = Avx2.Permute4x64(Avx2.ConvertToVector256Int64(four).AsUInt64(), 0b11_01_10_00);
                    Vector256<ulong> mask = ~Vector256.Equals(flags, Vector256<ulong>.Zero);
                    misfits |= ((h ^ heads) | Vector256.GreaterThanOrEqual(m, bounds)) & mask;
                    sums += m & mask;
                    counts -= mask;
                }

                misfit = misfits == Vector256<ulong>.Zero ? 0UL : 1UL;
                sum = Vector256.Sum(sums);
                n = (int)Vector256.Sum(counts);
            }

            for (; i < taken.Length; i++)
            {
                if (taken[i] != 0)
                {
                    ulong m = words[(2 * i) + 1];
                    misfit |= (words[2 * i] ^ head) | (m >= bound ? 1UL : 0);
                    sum += m;
                    n++;
                }
            }

            total = sum;
            count = n;
            return misfit == 0;
        }
    }
}
