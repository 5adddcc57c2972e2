using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;

namespace Qingshui.Domain.Tests.Assessment;

public sealed class SectionClassTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.FromHours(8));

    private static Reading At(string station, string code, decimal value, DateTimeOffset time, bool valid = true) =>
        new(station, code, ReadingKind.Hour, time, value, code == "w01001" ? Unit.Dimensionless : Unit.MilligramPerLitre, "N", valid);

    private static IEnumerable<Reading> CoreItems(string station, DateTimeOffset time, decimal ammonia) =>
    [
        At(station, "w01001", 7.5m, time), At(station, "w01009", 8.0m, time), At(station, "w01019", 1.8m, time),
        At(station, "w21003", ammonia, time), At(station, "w21011", 0.015m, time),
    ];

    [Fact]
    public void Rule_IsFivePlusXWithoutExtraItems()
    {
        Assert.Equal("5+X", SectionClass.Rule.Id);
        Assert.Equal(["pH", "DO", "CODMn", "NH3N", "TP"], SectionClass.Rule.Items.Select(i => i.Id));
    }

    [Fact]
    public void Current_TwoStations_AveragesEachItemOverThem()
    {
        // NH3-N 0.4 and 0.8 average to 0.6: Class III (0.5 < 0.6 ≤ 1.0), though one station alone reads Class II.
        SectionAssessment result = SectionClass.Current([.. CoreItems("a", Now, 0.4m), .. CoreItems("b", Now, 0.8m)], WaterbodyKind.River);

        Assert.Equal(WaterClass.III, result.Class);
        Assert.Equal(0.6m, result.Items.Single(i => i.Item.Id == "NH3N").Value);
    }

    [Fact]
    public void Current_ValueOlderThanADayBeforeTheNewest_DoesNotCount()
    {
        Reading stale = At("b", "w21003", 1.9m, Now - SectionClass.CurrentFreshness);

        SectionAssessment result = SectionClass.Current([.. CoreItems("a", Now, 0.4m), stale], WaterbodyKind.River);

        Assert.Equal(WaterClass.II, result.Class);
    }

    [Fact]
    public void Current_InvalidReading_DoesNotCount()
    {
        SectionAssessment result = SectionClass.Current([.. CoreItems("a", Now, 0.4m), At("b", "w21003", 1.9m, Now, valid: false)], WaterbodyKind.River);

        Assert.Equal(WaterClass.II, result.Class);
    }

    [Fact]
    public void Current_NoReadings_HasNoClass()
    {
        Assert.Null(SectionClass.Current([], WaterbodyKind.River).Class);
    }

    [Fact]
    public void OfMeans_ItemWithoutMean_IsLeftOut()
    {
        Observation[] observations = [.. Observations.FromReadings(CoreItems("a", Now, 1.2m))];
        PeriodMean[] means = [.. PeriodAggregator.Aggregate(observations, PeriodKind.Month)];

        SectionAssessment result = SectionClass.OfMeans(means, WaterbodyKind.River);

        Assert.Equal(WaterClass.IV, result.Class);
    }
}
