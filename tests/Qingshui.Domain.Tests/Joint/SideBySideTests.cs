using Qingshui.Domain.Assessment;
using Qingshui.Domain.Joint;
using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Joint;

public sealed class SideBySideTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    // Every hour of March 2024 at one value.
    private static Observation[] March(StandardItem item, decimal value) =>
        [.. Enumerable.Range(0, 31 * 24).Select(h => new Observation(item, new DateTimeOffset(2024, 3, 1, 0, 0, 0, Beijing).AddHours(h), value, true))];

    [Fact]
    public void Compare_Month_GivesBothMeansTheirDifferenceAndTheSectionsMean()
    {
        Observation[] a = March(Gb3838Table1.AmmoniaNitrogen, 1.2m), b = March(Gb3838Table1.AmmoniaNitrogen, 0.8m);

        PeriodComparison month = Assert.Single(SideBySide.Compare(a, b, PeriodKind.Month, JointMonitoringSettings.Default));

        Assert.Equal(("2024-03", 1.2m, 0.8m, 1.0m), (month.Period.ToString(), month.MeanA, month.MeanB, month.SectionMean));
        Assert.Equal(0.4m, month.Difference!.Value.Difference);
        Assert.True(month.Exceeds);
    }

    [Fact]
    public void Compare_pH_MeansThroughHydrogenIons_AndAnItemWithoutToleranceNeverExceeds()
    {
        Observation[] a = [.. March(Gb3838Table1.PH, 7.0m), .. March(Gb3838Table1.WaterTemperature, 20m)];
        Observation[] b = [.. March(Gb3838Table1.PH, 8.0m), .. March(Gb3838Table1.WaterTemperature, 25m)];

        IReadOnlyList<PeriodComparison> months = SideBySide.Compare(a, b, PeriodKind.Month, JointMonitoringSettings.Default);

        PeriodComparison ph = months.Single(m => m.Item.Id == "pH"), temperature = months.Single(m => m.Item.Id == "WT");
        Assert.True(ph.Exceeds);
        Assert.Equal(7.26m, Math.Round(ph.SectionMean!.Value, 2));   // -log10((1e-7 + 1e-8) / 2)
        Assert.Equal((-5m, false, null), (temperature.Difference!.Value.Difference, temperature.Exceeds, temperature.Tolerance));
    }

    [Fact]
    public void Compare_OneStationWithoutData_HasNoDifference()
    {
        PeriodComparison month = Assert.Single(SideBySide.Compare(March(Gb3838Table1.TotalPhosphorus, 0.1m), [], PeriodKind.Month, JointMonitoringSettings.Default));

        Assert.Equal((0.1m, (decimal?)null, 0.1m, false), (month.MeanA, month.MeanB, month.SectionMean, month.Exceeds));
        Assert.Null(month.Difference);
    }

    [Fact]
    public void StationPairs_Preset_IsJinyushisJiangxiAndHunanStations()
    {
        StationPair pair = Assert.Single(StationPair.Of(BasinPresets.Load("pingshui-lushui")));

        Assert.Equal(("jinyushi", "360300A00000000000000201", "430281A00000000000000202"), (pair.Section, pair.A.DeviceId, pair.B.DeviceId));
        Assert.Equal(["jiangxi", "hunan"], pair.Jurisdictions);
    }
}
