namespace Qingshui.Domain.Assessment;

/// <summary>
/// A double as a decimal rounded half to even to twelve decimals: <c>Math.Round((decimal)value, 12, ToEven)</c> to the
/// bit, scale included, in a few integer steps. The conversion's own steps are followed exactly: the double is scaled
/// to a 15-digit integer by a power of ten (one double multiplication, and one more by ten when short of 15 digits),
/// rounded half to even, its trailing zeros dropped as far as the scale allows; the rounding then cuts it to twelve
/// decimals. Values it does not cover (zero, negative, not finite, below 2⁻⁹⁶ or from 2⁴⁸ up) take the two calls themselves.
/// </summary>
internal static class TwelveDecimals
{
    private const int MaxScale = 28;

    // The conversion's powers of ten, as the same double literals.
    private static ReadOnlySpan<double> DoublePowers10 =>
    [
        1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
        1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28,
    ];

    private static ReadOnlySpan<ulong> Powers10 =>
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000,
    ];

    /// <summary><c>Math.Round((decimal)value, 12, MidpointRounding.ToEven)</c>.</summary>
    public static decimal Of(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int exponent = (int)(bits >> 52) - 1022;
        if (bits <= 0 || exponent > 48 || exponent < -94)
        {
            return Math.Round((decimal)value, 12, MidpointRounding.ToEven);
        }

        // The conversion: a power of ten ≥ 0 below 2⁴⁸, to 15 digits once scaled.
        int power = Math.Min(MaxScale, 14 - ((exponent * 19728) >> 16));
        double scaled = value * DoublePowers10[power];
        if (scaled < 1e14 && power < MaxScale)
        {
            scaled *= 10;
            power++;
        }

        ulong mantissa = unchecked((ulong)(long)Math.Round(scaled));
        if (mantissa == 0)
        {
            return Math.Round((decimal)value, 12, MidpointRounding.ToEven);
        }

        // More than twelve decimals: cut to twelve, half to even, unless the cut digits are trailing zeros the
        // conversion drops (at most fourteen of them); pH (scale 14) divides by a constant.
        int limit = Math.Min(power, 14), cut = power - 12;
        if (cut > 0)
        {
            (ulong quotient, ulong remainder) = cut == 2 ? Math.DivRem(mantissa, 100UL) : Math.DivRem(mantissa, Powers10[cut]);
            if (remainder != 0 || cut > limit)
            {
                ulong half = Powers10[cut] / 2;
                if (remainder > half || (remainder == half && (quotient & 1) != 0))
                {
                    quotient++;
                }

                return Decimal(quotient, 12);
            }

            mantissa = quotient;
            power = 12;
            limit -= cut;
        }

        // Trailing zeros the conversion drops, as far as its limit allows.
        for (; limit > 0 && mantissa % 10 == 0; limit--)
        {
            mantissa /= 10;
            power--;
        }

        return Decimal(mantissa, power);
    }

    private static decimal Decimal(ulong mantissa, int scale) =>
        new(unchecked((int)(uint)mantissa), (int)(uint)(mantissa >> 32), 0, false, (byte)scale);
}
