using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;

namespace Qingshui.Simulation.Tests;

public sealed class SurfaceWaterModelTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly SurfaceWaterModel Model = new(212);
    private const int Temperature = 0, PH = 1, Oxygen = 2, Turbidity = 4, Permanganate = 5, Ammonia = 6, Phosphorus = 7;

    private static IEnumerable<(DateTimeOffset Time, decimal[] Values)> Hours(DateTimeOffset start, int hours, int station = 1, StationProfile? profile = null)
    {
        for (int h = 0; h < hours; h++)
        {
            DateTimeOffset time = start.AddHours(h);
            yield return (time, Model.ValuesAt(station, time, profile ?? StationProfile.Typical));
        }
    }

    [Fact]
    public void ValuesAt_SameSeedStationAndTime_AreIdentical_WhateverTheOrderOfCalls()
    {
        var time = new DateTimeOffset(2024, 6, 1, 14, 0, 0, Beijing);
        decimal[] first = new SurfaceWaterModel(7).ValuesAt(3, time, StationProfile.Typical);
        _ = new SurfaceWaterModel(7).ValuesAt(3, time.AddDays(5), StationProfile.Typical);

        Assert.Equal(first, new SurfaceWaterModel(7).ValuesAt(3, time, StationProfile.Typical));
        Assert.NotEqual(first, new SurfaceWaterModel(8).ValuesAt(3, time, StationProfile.Typical));
    }

    [Fact]
    public void Temperature_IsSeasonal_SummerWarmerThanWinter()
    {
        decimal january = Hours(new DateTimeOffset(2024, 1, 10, 0, 0, 0, Beijing), 24 * 10).Average(h => h.Values[Temperature]);
        decimal july = Hours(new DateTimeOffset(2024, 7, 20, 0, 0, 0, Beijing), 24 * 10).Average(h => h.Values[Temperature]);

        Assert.InRange(january, 4m, 12m);
        Assert.InRange(july, 22m, 32m);
    }

    [Fact]
    public void OxygenAndPH_AreDiurnal_HigherInTheAfternoonThanBeforeDawn()
    {
        var days = Hours(new DateTimeOffset(2024, 5, 1, 0, 0, 0, Beijing), 24 * 60).ToList();

        decimal afternoonDo = days.Where(h => h.Time.Hour == 14).Average(h => h.Values[Oxygen]);
        decimal dawnDo = days.Where(h => h.Time.Hour == 4).Average(h => h.Values[Oxygen]);
        decimal afternoonPh = days.Where(h => h.Time.Hour == 14).Average(h => h.Values[PH]);
        decimal dawnPh = days.Where(h => h.Time.Hour == 4).Average(h => h.Values[PH]);

        Assert.True(afternoonDo > dawnDo + 1m, $"DO 14:00 {afternoonDo} vs 04:00 {dawnDo}");
        Assert.True(afternoonPh > dawnPh + 0.2m, $"pH 14:00 {afternoonPh} vs 04:00 {dawnPh}");
        Assert.All(days, h => Assert.InRange(h.Values[PH], 6.5m, 8.5m));
    }

    [Fact]
    public void RainEvents_LiftTurbidityAndNutrients()
    {
        var year = Hours(new DateTimeOffset(2024, 1, 1, 0, 0, 0, Beijing), 24 * 365).ToList();
        decimal medianTurbidity = year.Select(h => h.Values[Turbidity]).Order().ElementAt(year.Count / 2);
        var storms = year.Where(h => h.Values[Turbidity] > medianTurbidity * 3).ToList();
        var dry = year.Where(h => h.Values[Turbidity] <= medianTurbidity).ToList();

        Assert.True(storms.Count > 100, $"only {storms.Count} stormy hours in a year");
        Assert.True(storms.Average(h => h.Values[Phosphorus]) > dry.Average(h => h.Values[Phosphorus]) * 1.5m);
        Assert.True(storms.Average(h => h.Values[Ammonia]) > dry.Average(h => h.Values[Ammonia]) * 1.5m);
        Assert.True(storms.Average(h => h.Values[Permanganate]) > dry.Average(h => h.Values[Permanganate]) * 1.3m);
    }

    [Fact]
    public void PresetBasin_BoundarySection_HasMonthsWorseThanItsTypicalOnes_AndTheHeadwaterIsCleanest()
    {
        Basin basin = BasinPresets.Load("pingshui-lushui");
        IReadOnlyList<SimulatedStation> stations = SyntheticBasin.StationsOf(basin);
        SimulatedStation headwater = stations.Single(s => basin.FindStation(s.DeviceId)!.Section == "pingshui-source");
        SimulatedStation jinyushi = stations.First(s => basin.FindStation(s.DeviceId)!.Section == "jinyushi");

        decimal Mean(SimulatedStation station, int month, int code) =>
            Hours(new DateTimeOffset(2024, month, 1, 0, 0, 0, Beijing), 24 * 28, station.Index, station.Profile).Average(h => h.Values[code]);

        Assert.True(Mean(jinyushi, 8, Ammonia) > Mean(jinyushi, 10, Ammonia) * 1.5m);
        Assert.True(Mean(headwater, 10, Ammonia) < Mean(jinyushi, 10, Ammonia));
    }

    [Fact]
    public void SyntheticBasin_FileIsAValidBasinWithTheRequestedStations()
    {
        BasinFileResult result = BasinFile.Parse(SyntheticBasin.BasinFileText(25));

        Assert.Empty(result.Errors);
        Assert.Equal(25, result.Basin!.Stations.Count);
        Assert.All(result.Basin.Stations, s => Assert.Equal(24, s.DeviceId.Length));
        Assert.Equal(13, result.Basin.Sections.Count);
        Assert.All(result.Basin.Sections, section => Assert.InRange(result.Basin.Stations.Count(s => s.Section == section.Id), 1, 2));
    }
}
