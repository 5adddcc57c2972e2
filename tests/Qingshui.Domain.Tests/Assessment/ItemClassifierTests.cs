using System.Globalization;
using CsCheck;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;
using Qingshui.Testing;

namespace Qingshui.Domain.Tests.Assessment;

public sealed class ItemClassifierTests
{
    // The rows of shared/data/gb3838/GB3838-2002_table1_limits.csv, in file order, as Qingshui items and water bodies.
    private static readonly (string Item, WaterbodyKind Waterbody)[] CsvRows =
    [
        ("pH", WaterbodyKind.River), ("DO", WaterbodyKind.River), ("CODMn", WaterbodyKind.River), ("COD", WaterbodyKind.River),
        ("BOD5", WaterbodyKind.River), ("NH3N", WaterbodyKind.River), ("TP", WaterbodyKind.River), ("TP", WaterbodyKind.Lake),
        ("TN", WaterbodyKind.River), ("Cu", WaterbodyKind.River), ("Zn", WaterbodyKind.River), ("F", WaterbodyKind.River),
        ("Se", WaterbodyKind.River), ("As", WaterbodyKind.River), ("Hg", WaterbodyKind.River), ("Cd", WaterbodyKind.River),
        ("Cr6", WaterbodyKind.River), ("Pb", WaterbodyKind.River), ("CN", WaterbodyKind.River), ("VP", WaterbodyKind.River),
        ("Oil", WaterbodyKind.River), ("LAS", WaterbodyKind.River), ("S2", WaterbodyKind.River), ("FC", WaterbodyKind.River),
    ];

    private static IEnumerable<(StandardItem Item, WaterbodyKind Waterbody, string Comparison, decimal[] Limits)> TableRows()
    {
        string[] lines = File.ReadAllLines(SharedData.PathOf("gb3838", "GB3838-2002_table1_limits.csv"));
        Assert.Equal(CsvRows.Length + 1, lines.Length);
        for (int i = 1; i < lines.Length; i++)
        {
            string[] c = lines[i].Split(',');
            (string id, WaterbodyKind waterbody) = CsvRows[i - 1];
            decimal[] limits = c[4].StartsWith("range", StringComparison.Ordinal)
                ? []
                : c[5..10].Select(v => decimal.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            yield return (StandardItems.Find(id)!, waterbody, c[4], limits);
        }
    }

    [Fact]
    public void Table1_LimitsInCode_EqualTheIndependentCopyOfTheTable()
    {
        foreach ((StandardItem item, WaterbodyKind waterbody, string comparison, decimal[] limits) in TableRows())
        {
            ItemLimit limit = item.LimitFor(waterbody);
            if (limits.Length == 0)
            {
                Assert.Equal((6m, 9m), limit.Bounds);
                continue;
            }

            Assert.Equal(comparison.Contains(">=", StringComparison.Ordinal) ? LimitKind.LowerBound : LimitKind.UpperBound, limit.Kind);
            Assert.Equal(limits, Enumerable.Range(1, 5).Select(c => limit.LimitOf((WaterClass)c)));
        }
    }

    [Fact]
    public void Assess_EveryLimitOfEveryItem_OnBothSidesOfTheBoundary()
    {
        foreach ((StandardItem item, WaterbodyKind waterbody, _, decimal[] limits) in TableRows().Where(r => r.Limits.Length == 5))
        {
            bool lower = item.Limit.Kind == LimitKind.LowerBound;
            for (int k = 0; k < 5; k++)
            {
                // At the limit: the best class whose limit is the same value (shared limits give the better class).
                WaterClass atLimit = (WaterClass)(Array.IndexOf(limits, limits[k]) + 1);
                Assert.Equal(atLimit, ItemClassifier.Assess(item, limits[k], waterbody).Class);

                // Just beyond it (one unit in the limit's last decimal and then some): the next class whose limit it meets, or 劣Ⅴ.
                decimal step = Step(limits[k]);
                decimal beyond = lower ? limits[k] - step : limits[k] + step;
                int next = Array.FindIndex(limits, k + 1, l => lower ? beyond >= l : beyond <= l);
                WaterClass expected = next < 0 ? WaterClass.WorseThanV : (WaterClass)(next + 1);
                Assert.True(expected == ItemClassifier.Assess(item, beyond, waterbody).Class, $"{item.Id} {beyond} ({waterbody}) should be {expected}");
            }
        }
    }

    [Theory]
    [InlineData("6", WaterClass.I)]
    [InlineData("9", WaterClass.I)]
    [InlineData("7.0", WaterClass.I)]
    [InlineData("5.99", WaterClass.WorseThanV)]
    [InlineData("9.01", WaterClass.WorseThanV)]
    [InlineData("0", WaterClass.WorseThanV)]
    public void Assess_PH_InsideSixToNineIsClassI_OutsideIsWorseThanV(string value, WaterClass expected)
    {
        Assert.Equal(expected, ItemClassifier.Assess(Gb3838Table1.PH, decimal.Parse(value, CultureInfo.InvariantCulture)).Class);
    }

    [Fact]
    public void Assess_LibraryCases_FollowTheTable()
    {
        // shared/data/gb3838/silence_water_StandardServiceTests_cases.csv: every exact Table 1 assertion.
        int checkedCases = 0;
        foreach (string line in File.ReadLines(SharedData.PathOf("gb3838", "silence_water_StandardServiceTests_cases.csv")).Skip(1))
        {
            string[] c = line.Split(',');
            if (c[6] != "exact" || StandardItems.All.FirstOrDefault(i => i.ChineseName.StartsWith(c[1].TrimEnd('值'), StringComparison.Ordinal)) is not StandardItem item
                || item.Table != StandardTable.Basic)
            {
                continue;
            }

            decimal value = decimal.Parse(c[3].Split(' ')[0], CultureInfo.InvariantCulture);
            ItemAssessment result = ItemClassifier.Assess(item, value, c[4] == "lake" ? WaterbodyKind.Lake : WaterbodyKind.River);
            string actual = result.Class is WaterClass wc ? WaterClassText.ToRoman(wc).Replace("Ⅴ", "V", StringComparison.Ordinal) : "null (not monitored)";
            string expected = c[5].Replace("Ⅴ", "V", StringComparison.Ordinal);
            Assert.True(string.Equals(RomanToAscii(expected), RomanToAscii(actual), StringComparison.Ordinal), $"{c[0]}: {item.Id}={value} expected {expected}, got {actual}");
            checkedCases++;
        }

        Assert.Equal(29, checkedCases);
    }

    [Fact]
    public void Assess_BehaviourMatrix_EdgeCasesFollowTheTableAndDomainRules()
    {
        // shared/data/gb3838/library_behaviour_matrix.csv, column expected_by_GB3838_table.
        Assert.Equal(WaterClass.WorseThanV, Classify("DO", 0));
        Assert.Equal(ItemStatus.NotMeasured, ItemClassifier.Assess(Gb3838Table1.DissolvedOxygen, -1).Status);
        Assert.Equal(WaterClass.I, Classify("CODMn", 0));
        Assert.Equal(WaterClass.I, Classify("COD", 0));
        Assert.Equal(WaterClass.I, Classify("BOD5", 0));
        Assert.Equal(WaterClass.I, Classify("NH3N", 0));
        Assert.Equal(WaterClass.II, Classify("NH3N", 0.151m));
        Assert.Equal(WaterClass.II, Classify("TP", 0.1m));
        Assert.Equal(WaterClass.IV, ItemClassifier.Assess(Gb3838Table1.TotalPhosphorus, 0.1m, WaterbodyKind.Reservoir).Class);
        Assert.Equal(WaterClass.IV, Classify("TP", 0.1m + 0.2m));
        Assert.Equal(WaterClass.I, Classify("Hg", 0.00005m));
        Assert.Equal(WaterClass.III, Classify("Hg", 0.00006m));
        Assert.Equal(WaterClass.II, Classify("Cu", 1.0m));
        Assert.Equal(WaterClass.WorseThanV, Classify("Cu", 1.01m));
        Assert.Equal(WaterClass.IV, Classify("Zn", 1.5m));
        Assert.Equal(ItemStatus.MeetsLimit, ItemClassifier.Assess(StandardItems.Find("SO4")!, 100).Status);
        Assert.Equal(ItemStatus.NotClassified, ItemClassifier.Assess(Gb3838Table1.WaterTemperature, 25).Status);
        Assert.Equal(WaterClass.WorseThanV, Classify("CODMn", decimal.MaxValue));
    }

    [Fact]
    public void Assess_ExceedanceMultiple_IsAgainstClassIII_AndNotForPHOrDO()
    {
        Assert.Equal(0.2m, ItemClassifier.Assess(Gb3838Table1.PermanganateIndex, 7.2m).ExceedanceMultiple);
        Assert.Equal(1.5m, ItemClassifier.Assess(Gb3838Table1.AmmoniaNitrogen, 2.5m).ExceedanceMultiple);
        Assert.Null(ItemClassifier.Assess(Gb3838Table1.PermanganateIndex, 6.0m).ExceedanceMultiple);
        Assert.Null(ItemClassifier.Assess(Gb3838Table1.DissolvedOxygen, 1.0m).ExceedanceMultiple);
        Assert.Null(ItemClassifier.Assess(Gb3838Table1.PH, 10m).ExceedanceMultiple);
        Assert.Equal(0.6m, ItemClassifier.Assess(StandardItems.Find("Fe")!, 0.48m).ExceedanceMultiple);
    }

    [Fact]
    public void Assess_WorseConcentrationNeverGivesABetterClass()
    {
        StandardItem[] items = Gb3838Table1.Items.Where(i => i.Limit.Kind is LimitKind.UpperBound or LimitKind.LowerBound).ToArray();
        Gen.Select(Gen.Int[0, items.Length - 1], Gen.Decimal[0m, 50000m], Gen.Decimal[0m, 50000m], Gen.Bool).Sample((index, a, b, lake) =>
        {
            StandardItem item = items[index];
            WaterbodyKind waterbody = lake ? WaterbodyKind.Lake : WaterbodyKind.River;
            (decimal better, decimal worse) = item.Limit.Kind == LimitKind.LowerBound ? (Math.Max(a, b), Math.Min(a, b)) : (Math.Min(a, b), Math.Max(a, b));
            Assert.True(ItemClassifier.Assess(item, worse, waterbody).Class >= ItemClassifier.Assess(item, better, waterbody).Class);
        }, iter: 20000);
    }

    private static WaterClass? Classify(string id, decimal value) => ItemClassifier.Assess(StandardItems.Find(id)!, value).Class;

    private static string RomanToAscii(string text) => text.Replace("Ⅰ", "I", StringComparison.Ordinal).Replace("Ⅱ", "II", StringComparison.Ordinal)
        .Replace("Ⅲ", "III", StringComparison.Ordinal).Replace("Ⅳ", "IV", StringComparison.Ordinal).Replace("Ⅴ", "V", StringComparison.Ordinal);

    private static decimal Step(decimal limit)
    {
        int scale = (decimal.GetBits(limit)[3] >> 16) & 0xFF;
        decimal unit = 1m;
        for (int i = 0; i < Math.Max(scale, 1) + 1; i++)
        {
            unit /= 10;
        }

        return unit;
    }
}
