using CsCheck;
using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Tests.Assessment;

public sealed class TwelveDecimalsTests
{
    [Fact]
    public void Of_AnyDouble_IsTheConversionRoundedToTwelveDecimals_ToTheBit()
    {
        // Whole range of positive doubles by their bits, then pH-like values, then tiny and huge magnitudes.
        Gen.Long[1, 0x7FEF_FFFF_FFFF_FFFF].Sample(bits => AssertSame(BitConverter.Int64BitsToDouble(bits)), iter: 200_000);
        Gen.Double[0, 16].Sample(AssertSame, iter: 200_000);
        Gen.Select(Gen.Double[1, 10], Gen.Int[-40, 20]).Sample((m, e) => AssertSame(m * Math.Pow(10, e)), iter: 200_000);
    }

    [Fact]
    public void Of_ValuesAtEveryStepOfTheConversion_IsTheConversionRoundedToTwelveDecimals_ToTheBit()
    {
        // Zeros, signs, infinities and NaN (which throw alike), the edges of each power of two and ten the conversion
        // switches on, and ties: 14 and 13 decimals ending in 5 at the thirteenth, trailing zeros of every length.
        double[] edges =
        [
            0, -0.0, double.Epsilon, -1, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue,
            1e-29, 5e-29, 1e-28, 1, 7.5, 8, 9, 10, 14, 1e14, 1e15, 1e16, Math.Pow(2, 48), Math.Pow(2, 49), Math.Pow(2, -96), Math.Pow(2, -95),
        ];
        foreach (double edge in edges)
        {
            AssertSame(edge);
            AssertSame(Math.BitIncrement(edge));
            AssertSame(Math.BitDecrement(edge));
        }

        for (int e = -100; e <= 60; e++)
        {
            double power = Math.Pow(2, e);
            AssertSame(power);
            AssertSame(Math.BitDecrement(power));
            AssertSame(Math.Pow(10, e / 4.0));
        }

        Gen.Select(Gen.Long[0, 99_999_999_999], Gen.Int[1, 15], Gen.Int[0, 14]).Sample((digits, whole, zeros) =>
        {
            decimal tie = whole + (digits / 1_000_000_000_000m) + 0.0000000000005m;
            AssertSame((double)tie);
            AssertSame((double)(tie + 0.00000000000005m));
            AssertSame((double)Math.Round(tie, 14 - zeros));
        }, iter: 100_000);
    }

    private static void AssertSame(double value)
    {
        decimal? expected = null, actual = null;
        Type? expectedError = null, actualError = null;
        try
        {
            expected = Math.Round((decimal)value, 12, MidpointRounding.ToEven);
        }
        catch (OverflowException e)
        {
            expectedError = e.GetType();
        }

        try
        {
            actual = TwelveDecimals.Of(value);
        }
        catch (OverflowException e)
        {
            actualError = e.GetType();
        }

        Assert.Equal(expectedError, actualError);
        if (expected is decimal x && actual is decimal y)
        {
            Assert.True(decimal.GetBits(x).SequenceEqual(decimal.GetBits(y)), $"{value:R}: expected {x}, got {y}");
        }
    }
}
