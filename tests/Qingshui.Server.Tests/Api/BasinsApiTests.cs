using System.Text.Json;

namespace Qingshui.Server.Tests.Api;

public sealed class BasinsApiTests
{
    [Fact]
    public async Task Basin_ListsEverySectionWithTargetPositionAndRiverMap()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);

        JsonElement list = await client.GetJsonAsync("/api/v1/basins/");
        JsonElement basin = await client.GetJsonAsync($"/api/v1/basins/{list[0].GetProperty("id").GetString()}");

        Assert.Equal(TestHost.Preset.Sections.Select(s => s.Id), basin.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        JsonElement jinyushi = basin.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "jinyushi");
        Assert.Equal("Ⅲ", jinyushi.GetProperty("targetClass").GetString());
        Assert.Equal(JsonValueKind.Null, jinyushi.GetProperty("currentClass").ValueKind);
        Assert.Equal(("jiangxi", "hunan"), (jinyushi.GetProperty("upstream").GetString(), jinyushi.GetProperty("downstream").GetString()));
        Assert.Equal("FeatureCollection", basin.GetProperty("map").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Basin_AfterData_SectionsHaveACurrentClassAndTheMonthHasABasinEvaluation()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);
        DateTimeOffset start = await ApiClient.SendRecentHoursAsync(host, 6);

        JsonElement basin = await client.GetJsonAsync("/api/v1/basins/pingshui-lushui");
        JsonElement assessment = await client.GetJsonAsync($"/api/v1/basins/pingshui-lushui/assessment?month={start:yyyy-MM}");

        Assert.All(basin.GetProperty("sections").EnumerateArray(), s => Assert.NotEqual(JsonValueKind.Null, s.GetProperty("currentClass").ValueKind));
        // Four sections: fewer than five, so the river is judged by its mean concentrations (national method)
        Assert.Equal(4, assessment.GetProperty("sections").GetInt32());
        Assert.Equal("MeanConcentration", assessment.GetProperty("method").GetString());
        Assert.NotEqual(JsonValueKind.Null, assessment.GetProperty("grade").ValueKind);
    }
}
