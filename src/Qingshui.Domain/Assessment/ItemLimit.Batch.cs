using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Qingshui.Domain.Assessment;

/// <summary>Classes of many values of one item at once: eight values per step, compared as integer mantissas.</summary>
/// <remarks>
/// Eight decimals written with the same scale (non-negative, mantissa below 2^64) are compared at once against that
/// scale's integer thresholds (<see cref="ScaledThresholds"/>): the class is one plus the number of thresholds the
/// value fails, counted without branches. Eight values that do not share a scale, or a scale whose thresholds do not
/// fit 64 bits, take <see cref="ClassOf"/> one by one, so the classes are always those <see cref="ClassOf"/> gives.
/// </remarks>
public sealed partial class ItemLimit
{
    private const int Step = 8;

    /// <summary>
    /// The class of each value, as <see cref="ClassOf"/> gives it: <c>classes[i]</c> for <c>values[i]</c>. Allocates
    /// nothing. Throws for single limits and unclassified items, which have no classes.
    /// </summary>
    public void ClassesOf(ReadOnlySpan<decimal> values, Span<WaterClass> classes)
    {
        if (Kind is not (LimitKind.UpperBound or LimitKind.LowerBound or LimitKind.Range))
        {
            throw new InvalidOperationException($"{Kind} limits have no classes");
        }

        if (classes.Length < values.Length)
        {
            throw new ArgumentException($"room for {classes.Length} classes, {values.Length} values given", nameof(classes));
        }

        int done = 0;
        if (Avx2.IsSupported && values.Length >= Step)
        {
            done = Kind switch
            {
                LimitKind.UpperBound when _atMost is not null => Steps(values, classes, _atMost, count: 5, above: true),
                LimitKind.LowerBound when _atLeast is not null => Steps(values, classes, _atLeast, count: 5, above: false),
                LimitKind.Range when _atLeast is not null && _atMost is not null => RangeSteps(values, classes, _atLeast, _atMost),
                _ => 0,
            };
        }

        for (int i = done; i < values.Length; i++)
        {
            classes[i] = ClassOf(values[i])!.Value;
        }
    }

    // Class limits: 1 + the number of "at most" thresholds below the mantissa (above: true) or of "at least"
    // thresholds above it. Returns how many values were classified (whole steps of eight).
    private int Steps(ReadOnlySpan<decimal> values, Span<WaterClass> classes, ScaledThresholds thresholds, int count, bool above)
    {
        ref ulong input = ref Unsafe.As<decimal, ulong>(ref MemoryMarshal.GetReference(values));
        ref uint output = ref Unsafe.As<WaterClass, uint>(ref MemoryMarshal.GetReference(classes));
        Span<Vector256<ulong>> limits = stackalloc Vector256<ulong>[count];
        Vector256<ulong> head = Vector256.Create(ulong.MaxValue);
        int i = 0;
        for (; i + Step <= values.Length; i += Step)
        {
            Eight eight = Load(ref input, i);
            if (!eight.HaveHead(head) && !TryScale(ref input, i, eight, thresholds, limits, ref head))
            {
                ClassOneByOne(values, classes, i);
                continue;
            }

            Vector256<ulong> a = Vector256<ulong>.One, b = Vector256<ulong>.One;
            for (int k = 0; k < limits.Length; k++)
            {
                // A true compare is all ones (−1): subtracting it adds one.
                a -= above ? Vector256.GreaterThan(eight.First, limits[k]) : Vector256.LessThan(eight.First, limits[k]);
                b -= above ? Vector256.GreaterThan(eight.Second, limits[k]) : Vector256.LessThan(eight.Second, limits[k]);
            }

            Store(a, b, ref output, i);
        }

        return i;
    }

    // A range: Ⅰ when the mantissa is at least the minimum's ceiling and at most the maximum's floor, else 劣Ⅴ.
    private int RangeSteps(ReadOnlySpan<decimal> values, Span<WaterClass> classes, ScaledThresholds atLeast, ScaledThresholds atMost)
    {
        ref ulong input = ref Unsafe.As<decimal, ulong>(ref MemoryMarshal.GetReference(values));
        ref uint output = ref Unsafe.As<WaterClass, uint>(ref MemoryMarshal.GetReference(classes));
        Span<Vector256<ulong>> low = stackalloc Vector256<ulong>[1];
        Span<Vector256<ulong>> high = stackalloc Vector256<ulong>[1];
        Vector256<ulong> head = Vector256.Create(ulong.MaxValue), ignored = head;
        Vector256<ulong> worse = Vector256.Create((ulong)WaterClass.WorseThanV - 1);
        int i = 0;
        for (; i + Step <= values.Length; i += Step)
        {
            Eight eight = Load(ref input, i);
            if (!eight.HaveHead(head)
                && !(TryScale(ref input, i, eight, atLeast, low, ref ignored) && TryScale(ref input, i, eight, atMost, high, ref head)))
            {
                head = Vector256.Create(ulong.MaxValue);
                ClassOneByOne(values, classes, i);
                continue;
            }

            Vector256<ulong> a = Vector256.LessThan(eight.First, low[0]) | Vector256.GreaterThan(eight.First, high[0]);
            Vector256<ulong> b = Vector256.LessThan(eight.Second, low[0]) | Vector256.GreaterThan(eight.Second, high[0]);
            Store(Vector256<ulong>.One + (a & worse), Vector256<ulong>.One + (b & worse), ref output, i);
        }

        return i;
    }

    // The first 8 bytes of a decimal (flags and high mantissa word) as its "head", and its low 64 mantissa bits, of
    // eight decimals: values 0–3 and 4–7, each in lane order 0, 2, 1, 3.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Eight Load(ref ulong input, int i)
    {
        nuint at = (nuint)i * 2;
        Vector256<ulong> v0 = Vector256.LoadUnsafe(ref input, at), v1 = Vector256.LoadUnsafe(ref input, at + 4);
        Vector256<ulong> v2 = Vector256.LoadUnsafe(ref input, at + 8), v3 = Vector256.LoadUnsafe(ref input, at + 12);
        return new(Avx2.UnpackLow(v0, v1), Avx2.UnpackLow(v2, v3), Avx2.UnpackHigh(v0, v1), Avx2.UnpackHigh(v2, v3));
    }

    // The scale of the step's first value, when it is non-negative, below 2^64 and its scale's thresholds fit 64 bits:
    // the broadcast thresholds of that scale and its head. False when the step must take the one-by-one path.
    private static bool TryScale(
        ref ulong input, int i, Eight eight, ScaledThresholds thresholds, Span<Vector256<ulong>> limits, ref Vector256<ulong> head)
    {
        ulong first = Unsafe.Add(ref input, (nint)i * 2);

        // A non-negative decimal with a mantissa below 2^64 has a head of just its scale (bits 16–23).
        int scale = (int)((first >> 16) & 0xFF);
        if (first != (ulong)scale << 16 || scale > 28)
        {
            return false;
        }

        ReadOnlySpan<ulong> row = thresholds.NarrowRow(scale);
        if (row.IsEmpty)
        {
            return false;
        }

        for (int k = 0; k < limits.Length; k++)
        {
            limits[k] = Vector256.Create(row[k]);
        }

        head = Vector256.Create(first);
        return eight.HaveHead(head);
    }

    private void ClassOneByOne(ReadOnlySpan<decimal> values, Span<WaterClass> classes, int i)
    {
        for (int k = i; k < i + Step; k++)
        {
            classes[k] = ClassOf(values[k])!.Value;
        }
    }

    // Classes of values 0–3 (lanes 0, 2, 1, 3) and 4–7 written in value order as 32-bit WaterClass values.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<ulong> first, Vector256<ulong> second, ref uint output, int i)
    {
        Vector256<uint> narrow = Vector256.Narrow(first, second);
        Vector256.Shuffle(narrow, Vector256.Create(0u, 2, 1, 3, 4, 6, 5, 7)).StoreUnsafe(ref output, (nuint)i);
    }

    private readonly record struct Eight(Vector256<ulong> HeadsFirst, Vector256<ulong> HeadsSecond, Vector256<ulong> First, Vector256<ulong> Second)
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool HaveHead(Vector256<ulong> head) => Vector256.EqualsAll(HeadsFirst, head) && Vector256.EqualsAll(HeadsSecond, head);
    }
}
