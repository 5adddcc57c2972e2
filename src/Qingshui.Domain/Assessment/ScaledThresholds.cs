using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Qingshui.Domain.Assessment;

/// <summary>
/// Class limits turned into integer thresholds for each decimal scale, so a value is classified by comparing its
/// integer mantissa: exactly what decimal comparison gives, without decimal arithmetic or allocation.
/// </summary>
/// <remarks>
/// A decimal is M / 10^s with M &lt; 2^96. For a limit l, v ≤ l ⇔ M ≤ ⌊l·10^s⌋ and v ≥ l ⇔ M ≥ ⌈l·10^s⌉, because M is
/// an integer. Thresholds are kept per scale (0–28) as ulong where they fit, and as UInt128 (saturated above 2^96,
/// beyond any mantissa) for the rest. Limits must be monotone (upper: non-decreasing; lower: non-increasing), so the
/// class is one plus the number of thresholds the value fails, counted without branches.
/// </remarks>
internal sealed class ScaledThresholds
{
    private const int ScaleCount = 29;
    private static readonly UInt128 Saturated = UInt128.MaxValue;
    private readonly int _count;
    private readonly ulong[] _narrow;
    private readonly UInt128[] _wide;
    private readonly bool[] _fits;

    private ScaledThresholds(int count, ulong[] narrow, UInt128[] wide, bool[] fits)
    {
        _count = count;
        _narrow = narrow;
        _wide = wide;
        _fits = fits;
    }

    /// <summary>Thresholds for limits read as "at most" (<c>true</c>: floors) or "at least" (<c>false</c>: ceilings); null when a limit is negative.</summary>
    public static ScaledThresholds? Create(ReadOnlySpan<decimal> limits, bool atMost)
    {
        int count = limits.Length;
        var narrow = new ulong[ScaleCount * count];
        var wide = new UInt128[ScaleCount * count];
        var fits = new bool[ScaleCount];
        for (int s = 0; s < ScaleCount; s++)
        {
            fits[s] = true;
            for (int i = 0; i < count; i++)
            {
                if (limits[i] < 0)
                {
                    return null;
                }

                UInt128 t = Threshold(limits[i], s, atMost);
                wide[(s * count) + i] = t;
                if (t > ulong.MaxValue)
                {
                    fits[s] = false;
                }
                else
                {
                    narrow[(s * count) + i] = (ulong)t;
                }
            }
        }

        return new ScaledThresholds(count, narrow, wide, fits);
    }

    /// <summary>How many of the ("at most") thresholds lie below the value; -1 for a negative value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CountAbove(decimal value)
    {
        DecimalParts parts = Unsafe.As<decimal, DecimalParts>(ref value);
        int scale = (parts.Flags >> 16) & 0xFF;
        if (parts.Flags < 0 && (parts.Lo | parts.Hi) != 0)
        {
            return -1;
        }

        if (parts.Hi == 0 && _fits[scale])
        {
            ref ulong t = ref MemoryMarshal.GetArrayDataReference(_narrow);
            t = ref Unsafe.Add(ref t, scale * _count);
            ulong m = parts.Lo;
            int above = 0;
            for (int i = 0; i < _count; i++)
            {
                above += m > Unsafe.Add(ref t, i) ? 1 : 0;
            }

            return above;
        }

        return CountAboveWide(new UInt128(parts.Hi, parts.Lo), scale);
    }

    /// <summary>How many of the thresholds lie above the value (for "at least" limits); -1 for a negative value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CountBelow(decimal value)
    {
        DecimalParts parts = Unsafe.As<decimal, DecimalParts>(ref value);
        int scale = (parts.Flags >> 16) & 0xFF;
        if (parts.Flags < 0 && (parts.Lo | parts.Hi) != 0)
        {
            return -1;
        }

        if (parts.Hi == 0 && _fits[scale])
        {
            ref ulong t = ref MemoryMarshal.GetArrayDataReference(_narrow);
            t = ref Unsafe.Add(ref t, scale * _count);
            ulong m = parts.Lo;
            int below = 0;
            for (int i = 0; i < _count; i++)
            {
                below += m < Unsafe.Add(ref t, i) ? 1 : 0;
            }

            return below;
        }

        return CountBelowWide(new UInt128(parts.Hi, parts.Lo), scale);
    }

    /// <summary>The thresholds of one scale as ulong, or an empty span when they do not fit (the wide path then applies).</summary>
    public ReadOnlySpan<ulong> NarrowRow(int scale) => _fits[scale] ? _narrow.AsSpan(scale * _count, _count) : [];

    private int CountAboveWide(UInt128 m, int scale)
    {
        int above = 0;
        for (int i = 0; i < _count; i++)
        {
            above += m > _wide[(scale * _count) + i] ? 1 : 0;
        }

        return above;
    }

    private int CountBelowWide(UInt128 m, int scale)
    {
        int below = 0;
        for (int i = 0; i < _count; i++)
        {
            below += m < _wide[(scale * _count) + i] ? 1 : 0;
        }

        return below;
    }

    // ⌊l·10^s⌋ for "at most", ⌈l·10^s⌉ for "at least", saturated above any 96-bit mantissa.
    private static UInt128 Threshold(decimal limit, int scale, bool atMost)
    {
        DecimalParts parts = Unsafe.As<decimal, DecimalParts>(ref limit);
        var mantissa = new UInt128(parts.Hi, parts.Lo);
        int limitScale = (parts.Flags >> 16) & 0xFF;
        if (scale >= limitScale)
        {
            UInt128 factor = Pow10(scale - limitScale);
            return mantissa != 0 && mantissa > Saturated / factor ? Saturated : mantissa * factor;
        }

        UInt128 divisor = Pow10(limitScale - scale);
        UInt128 quotient = mantissa / divisor;
        return atMost || mantissa % divisor == 0 ? quotient : quotient + 1;
    }

    private static UInt128 Pow10(int n)
    {
        UInt128 result = 1;
        for (int i = 0; i < n; i++)
        {
            result *= 10;
        }

        return result;
    }

    // System.Decimal's layout since .NET Core 3.0 (flags: sign bit 31, scale bits 16–23; then the 96-bit mantissa);
    // DecimalPartsTests checks it against decimal.GetBits.
    [StructLayout(LayoutKind.Sequential)]
    internal readonly struct DecimalParts
    {
        public readonly int Flags;
        public readonly uint Hi;
        public readonly ulong Lo;
    }
}
