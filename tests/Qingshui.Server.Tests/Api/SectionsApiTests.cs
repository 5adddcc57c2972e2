using System.Globalization;
using System.Text.Json;
using Qingshui.Domain.Readings;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Api;

public sealed class SectionsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Series_Hourly_IsTheMeanOfBothStationsEachHourWithTheClassLimitsAndTarget()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);
        DateTimeOffset start = await ApiClient.SendRecentHoursAsync(host, 12);

        JsonElement series = await client.GetJsonAsync($"/api/v1/sections/jinyushi/series?parameter=w21003&interval=hour&from={Iso(start)}&to={Iso(start.AddHours(12))}");

        JsonElement limits = series.GetProperty("limits");
        Assert.Equal("UpperBound", limits.GetProperty("kind").GetString());
        Assert.Equal([0.15m, 0.5m, 1.0m, 1.5m, 2.0m], limits.GetProperty("values").EnumerateArray().Select(v => v.GetDecimal()));
        Assert.Equal("Ⅲ", limits.GetProperty("targetClass").GetString());
        JsonElement[] points = series.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal(12, points.Length);
        decimal[] stored = await StoredAsync(host, "360300A00000000000000201", "430281A00000000000000202", start);
        Assert.Equal(2, points[0].GetProperty("count").GetInt32());
        Assert.Equal(stored.Average(), points[0].GetProperty("mean").GetDecimal());
        Assert.Equal(stored.Min(), points[0].GetProperty("min").GetDecimal());
        Assert.Equal(start, points[0].GetProperty("time").GetDateTimeOffset());
        Assert.Equal("provisional", series.GetProperty("data").GetString());
    }

    [Fact]
    public async Task Series_OfAClosedRange_IsKeptUntilLateDataArriveInIt()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);
        DateTimeOffset start = await ApiClient.SendRecentHoursAsync(host, 4);
        string path = $"/api/v1/sections/jinyushi/series?parameter=w21003&interval=hour&from={Iso(start.AddHours(-2))}&to={Iso(start.AddHours(4))}";
        JsonElement before = await client.GetJsonAsync(path);
        Assert.Equal(4, before.GetProperty("points").GetArrayLength());

        // A station uploads an hour from before the range's data (a late 2061, as after a link outage), and it is acknowledged
        await using (RawStation station = await RawStation.ConnectAsync(host.Port))
        {
            DateTimeOffset late = start.AddHours(-1);
            await station.SendAsync(Qingshui.Hj212.FrameEncoder.Encode(
                $"QN={late:yyyyMMddHHmmssfff};ST=21;CN=2061;PW=jx0201;MN=360300A00000000000000201;Flag=5;CP=&&DataTime={late:yyyyMMddHHmmss};w21003-Avg=1.5,w21003-Flag=N&&"));
            Assert.Equal("9014", (await station.ReceiveAsync()).Command);
        }

        JsonElement after = await client.GetJsonAsync(path);
        JsonElement first = after.GetProperty("points")[0];
        Assert.Equal(5, after.GetProperty("points").GetArrayLength());
        Assert.Equal((start.AddHours(-1), 1.5m), (first.GetProperty("time").GetDateTimeOffset(), first.GetProperty("mean").GetDecimal()));
    }

    [Fact]
    public async Task Series_Daily_AggregatesTheHoursOfEachDay()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);
        DateTimeOffset start = await ApiClient.SendRecentHoursAsync(host, 30);

        JsonElement series = await client.GetJsonAsync($"/api/v1/sections/jinyushi/series?parameter=w01009&interval=day&from={Iso(start.AddDays(-2))}");

        JsonElement[] points = series.GetProperty("points").EnumerateArray().ToArray();
        Assert.InRange(points.Length, 2, 3);
        Assert.Equal(2 * 30, points.Sum(p => p.GetProperty("count").GetInt32()));
        Assert.Equal("LowerBound", series.GetProperty("limits").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Section_NowAndMonths_GiveClassDecidingItemsAndCompleteness()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);
        DateTimeOffset start = await ApiClient.SendRecentHoursAsync(host, 24);

        JsonElement section = await client.GetJsonAsync("/api/v1/sections/jinyushi");
        JsonElement months = await client.GetJsonAsync($"/api/v1/sections/jinyushi/months?year={start.Year}");

        Assert.Equal(2, section.GetProperty("stations").GetArrayLength());
        Assert.All(section.GetProperty("stations").EnumerateArray(), s => Assert.True(s.GetProperty("online").GetBoolean()));
        Assert.NotEqual(JsonValueKind.Null, section.GetProperty("current").GetProperty("class").ValueKind);
        Assert.Equal("provisional", section.GetProperty("data").GetString());
        JsonElement month = months.EnumerateArray().Single(m => m.GetProperty("period").GetString() == start.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        Assert.NotEmpty(month.GetProperty("assessment").GetProperty("deciding").EnumerateArray());
        Assert.Contains(month.GetProperty("completeness").EnumerateArray(), c => c.GetProperty("item").GetString() == "NH3N" && c.GetProperty("valid").GetInt32() >= 1);
    }

    private static string Iso(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));

    private static async Task<decimal[]> StoredAsync(TestHost host, string first, string second, DateTimeOffset hour)
    {
        var values = new List<decimal>();
        foreach (string station in new[] { first, second })
        {
            IReadOnlyList<StoredReading> readings = await host.Store.ReadingsAsync(new ReadingQuery(station, "w21003", ReadingKind.Hour, hour, hour.AddMinutes(1)), Ct);
            values.Add(readings.Single().Reading.Value);
        }

        return [.. values];
    }
}
