using CsCheck;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Tests.Assessment;

// ItemLimit.ClassesOf classifies eight values of one scale at once; these tests hold it to the decimal comparison at
// every limit of every item in every scale, with steps of one scale (the vector path) and of mixed scales.
public sealed class ItemLimitBatchTests
{
    private static ItemLimit[] ClassLimits() => StandardItems.All
        .SelectMany(i => new[] { i.LimitFor(WaterbodyKind.River), i.LimitFor(WaterbodyKind.Lake) })
        .Where(l => l.Kind is LimitKind.UpperBound or LimitKind.LowerBound or LimitKind.Range)
        .Append(ItemLimit.Upper(1m, 0.5m, 2m, 3m, 4m))
        .Distinct()
        .ToArray();

    private static IEnumerable<decimal> LimitValues(ItemLimit limit) => limit.Kind == LimitKind.Range
        ? [limit.Bounds.Minimum, limit.Bounds.Maximum]
        : Enumerable.Range(1, 5).Select(c => limit.LimitOf((WaterClass)c));

    [Fact]
    public void ClassesOf_AtEveryLimitInEveryScale_AndOneUnitEitherSide_EqualsDecimalComparison()
    {
        foreach (ItemLimit limit in ClassLimits())
        {
            for (int scale = 0; scale <= 28; scale++)
            {
                // Every probe written with exactly this scale where the mantissa allows: whole steps of one scale.
                decimal unit = new(1, 0, 0, false, (byte)scale);
                decimal[] probes = LimitValues(limit)
                    .SelectMany(v => new[] { v - unit, WithScale(v, scale), v + unit, WithScale(v + (unit * 5), scale) })
                    .Where(v => v >= 0)
                    .ToArray();
                AssertSameAsDecimal(limit, [.. probes, .. probes, .. probes.Take(5)]);
                AssertSameAsDecimal(limit, probes.Select(v => WithScale(v, scale)).ToArray());
            }
        }
    }

    [Fact]
    public void ClassesOf_OneScaleMixedScalesNegativesAndWideMantissas_EqualsDecimalComparison()
    {
        ItemLimit[] limits = ClassLimits();
        Gen<decimal> oneScaleValue = Gen.Decimal[0m, 60m];
        Gen.Select(Gen.Int[0, limits.Length - 1], Gen.Int[0, 6], oneScaleValue.Array[0, 70]).Sample((l, scale, raw) =>
        {
            decimal[] values = raw.Select(v => WithScale(Math.Round(v, scale), scale)).ToArray();
            AssertSameAsDecimal(limits[l], values);
        }, iter: 3_000);

        Gen<decimal> anyValue = Gen.OneOf(Gen.Decimal, Gen.Decimal[-1m, 60m], Gen.Const(0m), Gen.Const(-0.00m), Gen.Const(decimal.MaxValue));
        Gen.Select(Gen.Int[0, limits.Length - 1], anyValue.Array[0, 40]).Sample((l, values) => AssertSameAsDecimal(limits[l], values), iter: 3_000);
    }

    [Fact]
    public void ClassesOf_ScaleChangesBetweenSteps_UsesEachStepsThresholds()
    {
        // 3 mg/L DO is Class Ⅳ's lower limit: 2.99 is Ⅴ, 3.000 is Ⅳ, 3.0001 is Ⅳ; a step at each scale in turn.
        ItemLimit oxygen = Gb3838Table1.DissolvedOxygen.LimitFor(WaterbodyKind.River);
        decimal[] values = [.. Enumerable.Repeat(2.99m, 8), .. Enumerable.Repeat(3.000m, 8), .. Enumerable.Repeat(3.0001m, 8), .. Enumerable.Repeat(2.99m, 8)];
        var classes = new WaterClass[values.Length];

        oxygen.ClassesOf(values, classes);

        WaterClass[] expected = [.. Enumerable.Repeat(WaterClass.V, 8), .. Enumerable.Repeat(WaterClass.IV, 16), .. Enumerable.Repeat(WaterClass.V, 8)];
        Assert.Equal(expected, classes);
    }

    [Fact]
    public void ClassesOf_PHRange_OutsideSixToNineIsWorseThanV()
    {
        ItemLimit pH = Gb3838Table1.PH.LimitFor(WaterbodyKind.River);
        decimal[] values = [5.99m, 6.00m, 7.50m, 9.00m, 9.01m, 0.00m, 14.00m, 8.99m, 6.01m];
        var classes = new WaterClass[values.Length];

        pH.ClassesOf(values, classes);

        WaterClass[] expected = [WaterClass.WorseThanV, WaterClass.I, WaterClass.I, WaterClass.I, WaterClass.WorseThanV, WaterClass.WorseThanV,
            WaterClass.WorseThanV, WaterClass.I, WaterClass.I];
        Assert.Equal(expected, classes);
    }

    [Fact]
    public void ClassesOf_ItemsWithoutClasses_AndTooLittleRoom_AreRefused()
    {
        var classes = new WaterClass[2];
        Assert.Throws<InvalidOperationException>(() => ItemLimit.Single(0.05m).ClassesOf([0.01m], classes));
        Assert.Throws<InvalidOperationException>(() => ItemLimit.NotClassified.ClassesOf([0.01m], classes));
        ArgumentException tooShort = Assert.Throws<ArgumentException>(() => ItemLimit.Upper(1, 2, 3, 4, 5).ClassesOf([1m, 2m, 3m], classes));
        Assert.Equal("classes", tooShort.ParamName);
    }

    [Fact]
    public void ClassesOf_AllocatesNothing()
    {
        ItemLimit ammonia = Gb3838Table1.AmmoniaNitrogen.LimitFor(WaterbodyKind.River);
        decimal[] values = Enumerable.Range(0, 1000).Select(i => i * 0.003m).ToArray();
        var classes = new WaterClass[values.Length];
        ammonia.ClassesOf(values, classes);

        long before = GC.GetAllocatedBytesForCurrentThread();
        ammonia.ClassesOf(values, classes);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(WaterClass.I, classes[50]);
        Assert.Equal(WaterClass.WorseThanV, classes[999]);
    }

    private static void AssertSameAsDecimal(ItemLimit limit, decimal[] values)
    {
        // Room beyond the values stays untouched.
        var classes = new WaterClass[values.Length + 1];
        limit.ClassesOf(values, classes);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.True(limit.DecimalClassOf(values[i]) == classes[i], $"{values[i]} against {limit.Kind}: {classes[i]}");
        }

        Assert.Equal(default, classes[^1]);
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
