using System.Globalization;
using System.Text.Json;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;
using Qingshui.Hj212;
using Qingshui.Server.Tests.Api;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Ingest;

/// <summary>A real station over TCP: what screening marks is stored with the reading, served by the API, and kept over a restart.</summary>
public sealed class ScreeningIngestTests
{
    private const string Jinyushi = "360300A00000000000000201";

    // NH3-N: measuring range up to 5 mg/L, four equal hours make a stuck value; hours only.
    private static readonly ScreeningRules Rules = new(
        new Dictionary<string, ScreeningVerdict> { ["N"] = ScreeningVerdict.Valid }, ScreeningVerdict.Invalid, ScreeningVerdict.Valid, [ReadingKind.Hour],
        [("w21003", null, new ParameterScreening { Range = new RangeLimit(0m, 5m, ScreeningVerdict.Invalid), Stuck = new StuckLimit(4, ScreeningVerdict.Invalid) })]);

    private static ServerOptions WithRules(ServerOptions options) => options with { Screening = Rules };

    private static async Task SendHoursAsync(RawStation station, DateTimeOffset start, int from, params decimal[] ammonia)
    {
        for (int i = 0; i < ammonia.Length; i++)
        {
            DateTimeOffset time = start.AddHours(from + i);
            await station.SendAsync(FrameEncoder.Encode(string.Create(CultureInfo.InvariantCulture,
                $"QN={time:yyyyMMddHHmmss}001;ST=21;CN=2061;PW=jx0201;MN={Jinyushi};Flag=5;CP=&&DataTime={time:yyyyMMddHHmmss};w21003-Avg={ammonia[i]},w21003-Flag=N&&")));
            Assert.Equal("9014", (await station.ReceiveAsync()).Command);
        }
    }

    private static async Task<(decimal Value, bool Valid, string? Rule)[]> ReadingsAsync(TestHost host, DateTimeOffset start)
    {
        using HttpClient client = ApiClient.For(host);
        JsonElement readings = await client.GetJsonAsync(
            $"/api/v1/stations/{Jinyushi}/readings?parameter=w21003&kind=hour&from={Uri.EscapeDataString(start.ToString("O", CultureInfo.InvariantCulture))}");
        return [.. readings.EnumerateArray().Select(r => (r.GetProperty("value").GetDecimal(), r.GetProperty("valid").GetBoolean(),
            r.GetProperty("screenRule").ValueKind == JsonValueKind.Null ? null : r.GetProperty("screenRule").GetString()))];
    }

    [Fact]
    public async Task OverRangeAndStuckHours_OverTcp_AreStoredWithTheirRule_AndARestartKeepsThemAndTheRun()
    {
        // Hours near the server's clock, so the restarted server finds them when it warms its history.
        DateTimeOffset now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        DateTimeOffset start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, now.Offset).AddHours(-5);
        await using TestHost host = await TestHost.StartAsync(configure: WithRules);
        await using (RawStation station = await RawStation.ConnectAsync(host.Port))
        {
            // Given an over-range hour, then three equal hours (one short of stuck)
            await SendHoursAsync(station, start, 0, 7.5m, 0.42m, 0.42m, 0.42m);
        }

        (decimal, bool, string?)[] before = await ReadingsAsync(host, start);

        // When the server restarts and the fourth equal hour arrives, then a different one
        await host.RestartAsync();
        await using (RawStation station = await RawStation.ConnectAsync(host.Port))
        {
            await SendHoursAsync(station, start, 4, 0.42m, 0.5m);
        }

        // Then the marks stored before are still there, and the run continued across the restart
        Assert.Equal([(7.5m, false, "range"), (0.42m, true, null), (0.42m, true, null), (0.42m, true, null)], before);
        Assert.Equal(
            [(7.5m, false, "range"), (0.42m, true, null), (0.42m, true, null), (0.42m, true, null), (0.42m, false, "stuck"), (0.5m, true, null)],
            await ReadingsAsync(host, start));
    }

    private const string Values = "w21003-Avg=0.42,w21003-Flag=C;w21011-Avg=-0.02,w21011-Flag=N;w01001-Avg=7.2,w01001-Flag=N;w01019-Avg=0.3,w01019-Flag=N";

    [Fact]
    public async Task FlagsAndPhysics_DefaultScreening_MarkInvalidByTheRuleThatSaidSo()
    {
        await using TestHost host = await TestHost.StartAsync();
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        DateTimeOffset time = new(2024, 6, 1, 8, 0, 0, TimeSpan.FromHours(8));

        await station.SendAsync(FrameEncoder.Encode(string.Create(CultureInfo.InvariantCulture,
            $"QN={time:yyyyMMddHHmmss}001;ST=21;CN=2061;PW=jx0201;MN={Jinyushi};Flag=5;CP=&&DataTime={time:yyyyMMddHHmmss};{Values}&&")));
        Assert.Equal("9014", (await station.ReceiveAsync()).Command);

        IReadOnlyList<StoredReading> stored = await host.Store.ReadingsAsync(
            new ReadingQuery(Jinyushi, null, ReadingKind.Hour, time, time.AddHours(1)), TestContext.Current.CancellationToken);
        Assert.Equal(
            [("w01001", true, null), ("w01019", true, ScreeningRuleIds.DetectionLimit), ("w21003", false, ScreeningRuleIds.Flag), ("w21011", false, ScreeningRuleIds.Impossible)],
            stored.Select(s => (s.Reading.Parameter, s.Reading.Valid, s.Reading.ScreenRule)));
        Assert.Equal([0.3m, 0.42m, -0.02m], stored.Skip(1).Select(s => s.Reading.Value));
        Assert.True(stored[3].Reading.Marks.HasFlag(ReadingMarks.OutOfPhysicalRange));
    }
}
