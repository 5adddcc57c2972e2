using System.Runtime.CompilerServices;
using CsCheck;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Tests.Assessment;

// ItemLimit.ClassOf compares integer mantissas against per-scale thresholds; these tests hold it to the decimal
// comparison it replaces, at every limit of every item, in every scale a decimal can carry.
public sealed class ItemLimitIntegerPathTests
{
    private static IEnumerable<ItemLimit> ClassLimits() => StandardItems.All
        .SelectMany(i => new[] { i.LimitFor(WaterbodyKind.River), i.LimitFor(WaterbodyKind.Lake) })
        .Where(l => l.Kind is LimitKind.UpperBound or LimitKind.LowerBound or LimitKind.Range)
        .Distinct();

    private static IEnumerable<decimal> LimitValues(ItemLimit limit) => limit.Kind == LimitKind.Range
        ? [limit.Bounds.Minimum, limit.Bounds.Maximum]
        : Enumerable.Range(1, 5).Select(c => limit.LimitOf((WaterClass)c));

    [Fact]
    public void DecimalParts_ReadSignScaleAndMantissa_AsDecimalGetBitsDoes()
    {
        foreach (decimal d in new[] { 0m, -0.0m, 1m, -1.5m, 0.00005m, 40000m, decimal.MaxValue, decimal.MinValue, 1e-28m, 7.9e27m / 3 })
        {
            decimal copy = d;
            ScaledThresholds.DecimalParts parts = Unsafe.As<decimal, ScaledThresholds.DecimalParts>(ref copy);
            int[] bits = decimal.GetBits(d);
            Assert.Equal(bits[3], parts.Flags);
            Assert.Equal((uint)bits[2], parts.Hi);
            Assert.Equal(((ulong)(uint)bits[1] << 32) | (uint)bits[0], parts.Lo);
        }
    }

    [Fact]
    public void ClassOf_AtEveryLimitInEveryScale_AndOneUnitEitherSide_EqualsDecimalComparison()
    {
        foreach (ItemLimit limit in ClassLimits())
        {
            foreach (decimal value in LimitValues(limit))
            {
                for (int scale = 0; scale <= 28; scale++)
                {
                    decimal unit = new(1, 0, 0, false, (byte)scale);
                    foreach (decimal probe in new[] { value - unit, value, value + unit, WithScale(value, scale) })
                    {
                        Assert.True(limit.DecimalClassOf(probe) == limit.ClassOf(probe), $"{probe} against {limit.Kind} limit {value}");
                    }
                }
            }
        }
    }

    [Fact]
    public void ClassOf_WideMantissasNegativesAndZeros_EqualsDecimalComparison()
    {
        ItemLimit[] limits = ClassLimits().ToArray();
        decimal[] special = [0m, -0m, -0.000m, decimal.MaxValue, 0.5000000000000000000000000001m, 0.4999999999999999999999999999m,
            7.4999999999999999999999999999m, 2m / 3m, -0.15m, 1.0000000000000000000000000000m];
        foreach (ItemLimit limit in limits)
        {
            foreach (decimal value in special)
            {
                Assert.True(limit.DecimalClassOf(value) == limit.ClassOf(value), $"{value} against {limit.Kind}");
            }
        }

        Gen.Select(Gen.Int[0, limits.Length - 1], Gen.Decimal).Sample((i, value) =>
            limits[i].DecimalClassOf(value) == limits[i].ClassOf(value), iter: 20_000);
        Gen.Select(Gen.Int[0, limits.Length - 1], Gen.Decimal[0m, 50000m]).Sample((i, value) =>
            limits[i].DecimalClassOf(value) == limits[i].ClassOf(value), iter: 20_000);
    }

    [Fact]
    public void ClassOf_LimitsNotInOrder_StillGivesTheBestClassMet()
    {
        // Not a table of the standard, but a caller's: the integer path needs monotone limits and must step aside.
        ItemLimit limit = ItemLimit.Upper(1m, 0.5m, 2m, 3m, 4m);
        Assert.Equal(WaterClass.I, limit.ClassOf(0.7m));
        Assert.Equal(WaterClass.I, limit.ClassOf(0.5m));
        Assert.Equal(WaterClass.III, limit.ClassOf(1.5m));
    }

    [Fact]
    public void ClassOf_Classifier_NegativeIsNull_UnclassifiedIsNull_AndAllocatesNothing()
    {
        Assert.Null(ItemClassifier.ClassOf(Gb3838Table1.AmmoniaNitrogen, -0.1m));
        Assert.Null(ItemClassifier.ClassOf(Gb3838Table1.WaterTemperature, 12m));
        Assert.Equal(WaterClass.II, ItemClassifier.ClassOf(Gb3838Table1.TotalPhosphorus, 0.025m, WaterbodyKind.Lake));
        Assert.Equal(WaterClass.III, ItemClassifier.ClassOf(Gb3838Table1.TotalPhosphorus, 0.025m + 0.0000000001m, WaterbodyKind.Lake));

        ItemClassifier.ClassOf(Gb3838Table1.DissolvedOxygen, 5.5m);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int sum = 0;
        for (int i = 0; i < 1000; i++)
        {
            sum += (int)ItemClassifier.ClassOf(Gb3838Table1.DissolvedOxygen, 0.01m * i)!.Value;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sum > 0);
    }

    // The same value written with the given number of decimals, as far as the mantissa allows (0.5 as 0.50000).
    private static decimal WithScale(decimal value, int scale)
    {
        decimal scaled = value;
        while (scaled.Scale < scale)
        {
            decimal next = scaled * 1.0m;
            if (next.Scale <= scaled.Scale)
            {
                break;
            }

            scaled = next;
        }

        return scaled;
    }
}
