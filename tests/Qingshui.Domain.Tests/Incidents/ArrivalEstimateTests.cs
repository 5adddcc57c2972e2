using Qingshui.Domain.Incidents;
using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Incidents;

public sealed class ArrivalEstimateTests
{
    private static readonly DateTimeOffset Seen = new(2024, 3, 5, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Downstream_FromTheHeadwater_SumsReachesUntilOneLacksData()
    {
        Basin basin = ExampleBasin.Basin;

        IReadOnlyList<DownstreamWarning> warnings = ArrivalEstimate.Downstream(basin, basin.FindSection("pingshui-source")!, Seen);

        Assert.Equal(["jinyushi", "liling-wangfang", "lushui-mouth"], warnings.Select(w => w.Section));
        // 40 km at 0.5 m/s = 80,000 s = 22 h 13 min; then 30 km at 0.6 m/s = 50,000 s = 13 h 53 min more.
        Assert.Equal((40.0, TimeSpan.FromMinutes(1333), Seen.AddMinutes(1333)), (warnings[0].DistanceKm, warnings[0].Travel, warnings[0].ArrivalAt));
        Assert.Equal((70.0, TimeSpan.FromMinutes(2167)), (warnings[1].DistanceKm, warnings[1].Travel));
        Assert.Null(warnings[2].ArrivalAt);
        Assert.Equal("the basin file gives no reachKmToNext for the reach from 'liling-wangfang' to 'lushui-mouth'", warnings[2].NoEstimate);
        Assert.Equal(["jiangxi", "hunan", "hunan"], warnings.Select(w => w.Jurisdiction));
    }

    [Fact]
    public void Downstream_PresetWithoutReachData_GivesNoEstimateAndSaysWhy()
    {
        Basin basin = BasinPresets.Load("pingshui-lushui");

        IReadOnlyList<DownstreamWarning> warnings = ArrivalEstimate.Downstream(basin, basin.FindSection("jinyushi")!, Seen);

        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Null(w.Travel));
        Assert.All(warnings, w => Assert.Contains("from 'jinyushi' to 'liling-wangfang'", w.NoEstimate, StringComparison.Ordinal));
    }

    [Fact]
    public void Downstream_LastSection_HasNone()
    {
        Basin basin = ExampleBasin.Basin;

        Assert.Empty(ArrivalEstimate.Downstream(basin, basin.FindSection("lushui-mouth")!, Seen));
    }

    [Theory]
    [InlineData("\"reachKmToNext\": 0", "$.sections[0].reachKmToNext: must be a number above 0 and at most 5000")]
    [InlineData("\"velocityMps\": \"fast\"", "$.sections[0].velocityMps: must be a number above 0 and at most 10")]
    [InlineData("\"velocityMps\": 40", "$.sections[0].velocityMps: must be a number above 0 and at most 10")]
    public void BasinFile_BadReachData_IsAnErrorWithItsPath(string field, string error)
    {
        string text = BasinPresets.Text("pingshui-lushui")!.Replace("\"targetClass\": \"II\",", $"\"targetClass\": \"II\", {field},", StringComparison.Ordinal);

        BasinFileResult result = BasinFile.Parse(text);

        Assert.Null(result.Basin);
        Assert.Equal(error, Assert.Single(result.Errors).ToString());
    }
}
