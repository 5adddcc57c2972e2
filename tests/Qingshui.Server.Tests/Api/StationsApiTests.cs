using System.Text.Json;

namespace Qingshui.Server.Tests.Api;

public sealed class StationsApiTests
{
    private const string Mn = "360300A00000000000000201";

    [Fact]
    public async Task Stations_ShowLinkStatusCountsAndLatestValues_AndThePacketLogGivesRejectReasons()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);
        await ApiClient.SendRecentHoursAsync(host, 3);
        await using (RawStation raw = await RawStation.ConnectAsync(host.Port))
        {
            // A frame whose CRC does not match its data
            const string data = "QN=20250101000000000;ST=21;CN=2011;PW=jx0201;MN=360300A00000000000000201;Flag=5;CP=&&DataTime=20250101000000;w21003-Rtd=0.5,w21003-Flag=N&&";
            await raw.SendAsync($"##{data.Length:D4}{data}0000\r\n");
            await Task.Delay(300, TestContext.Current.CancellationToken);
        }

        JsonElement stations = await client.GetJsonAsync("/api/v1/stations/");
        JsonElement packets = await client.GetJsonAsync($"/api/v1/stations/{Mn}/packets?limit=10");

        JsonElement station = stations.EnumerateArray().Single(s => s.GetProperty("mn").GetString() == Mn);
        Assert.True(station.GetProperty("online").GetBoolean());
        Assert.Equal(3, station.GetProperty("accepted").GetInt64());
        Assert.Equal(9, station.GetProperty("latest").GetArrayLength());
        Assert.Equal(TestHost.Preset.Stations.Count, stations.GetArrayLength());
        JsonElement rejected = Assert.Single(packets.EnumerateArray(), p => p.GetProperty("verdict").GetString() != "Accepted");
        Assert.Contains("CRC", rejected.GetProperty("reason").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("CN=2011", rejected.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readings_ByParameterAndTime()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);
        DateTimeOffset start = await ApiClient.SendRecentHoursAsync(host, 4);

        JsonElement readings = await client.GetJsonAsync($"/api/v1/stations/{Mn}/readings?parameter=w21003&kind=hour&from={Uri.EscapeDataString(start.ToString("O"))}");

        Assert.Equal(4, readings.GetArrayLength());
        Assert.All(readings.EnumerateArray(), r => Assert.Equal("w21003", r.GetProperty("parameter").GetString()));
    }

    [Fact]
    public async Task LatestValues_AfterABurstOfBatches_AreEveryStationsNewest()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);

        // Many packets in flight at once: the ingest queue commits them in several batches
        DateTimeOffset start = await ApiClient.SendRecentHoursAsync(host, 200);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        JsonElement stations = await client.GetJsonAsync("/api/v1/stations/");
        Assert.All(stations.EnumerateArray(), s =>
        {
            Assert.Equal(9, s.GetProperty("latest").GetArrayLength());
            Assert.All(s.GetProperty("latest").EnumerateArray(), l => Assert.Equal(start.AddHours(199), l.GetProperty("time").GetDateTimeOffset()));
        });
    }
}
