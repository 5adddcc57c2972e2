using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Review;
using Qingshui.Hj212;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Api;

/// <summary>
/// Section series computed straight from the stations' packed hourly values (one read for all stations, JSON written point
/// by point) are, byte for byte, the answers made from the readings row by row through observations and the serialiser,
/// over the same data: late uploads, revisions of value and validity, reviewers' decisions, a station with real-time
/// values only (which the packed read leaves to the observations).
/// </summary>
public sealed class SeriesPointsFromDaysTests
{
    private const string Upstream = "360300A00000000000000201", Downstream = "430281A00000000000000202";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Series_FromPackedHourlyValues_AreByteForByteTheAnswersFromTheReadingRows()
    {
        PackedCountingStore? packedStore = null;
        int starts = 0;
        await using TestHost host = await TestHost.StartAsync(decorateStore: s => ++starts == 1
            ? packedStore = new PackedCountingStore(s)
            : new RowValuesStore(s) { FromRows = true });
        DateTimeOffset start = await ApiClient.SendRecentHoursAsync(host, 50);
        DateTimeOffset early = start.AddHours(-3);
        await using (RawStation station = await RawStation.ConnectAsync(host.Port))
        {
            // A late hour before the history, two hours sent again with other values (one now flagged D), and in the late
            // hour real-time values from downstream, which has no hourly value then.
            foreach ((string mn, string cn, DateTimeOffset hour, string value, string flag) in new[]
            {
                (Upstream, "2061", start.AddHours(-3), "1.5", "N"), (Upstream, "2061", start.AddHours(7), "0.91", "N"),
                (Upstream, "2061", start.AddHours(8), "2.2", "D"),
                (Downstream, "2011", early.AddMinutes(10), "0.6", "N"), (Downstream, "2011", early.AddMinutes(20), "0.75", "N"),
            })
            {
                await station.SendAsync(FrameEncoder.Encode(string.Create(CultureInfo.InvariantCulture,
                    $"QN={hour:yyyyMMddHHmmssfff};ST=21;CN={cn};PW={(mn == Upstream ? "jx0201" : "hn0202")};MN={mn};Flag=5;CP=&&DataTime={hour:yyyyMMddHHmmss};w21003-{(cn == "2011" ? "Rtd" : "Avg")}={value},w21003-Flag={flag}&&")));
                Assert.Equal("9014", (await station.ReceiveAsync()).Command);
            }
        }

        ReviewApplyResult applied = await host.Server.Services.GetRequiredService<IReviewStore>().ApplyAsync(
        [
            Decision(Upstream, "w21003", ReviewAction.Invalidate, start.AddHours(10), start.AddHours(14), null),
            Decision(Downstream, "w21003", ReviewAction.Correct, start.AddHours(20), start.AddHours(23), 0.35m),
            Decision(Downstream, "w01001", ReviewAction.Invalidate, start.AddHours(30), start.AddHours(31), null),
        ], (d, n) => AuditRecord.Create(d.At, new AuditActor(d.By, d.Organisation, null), "review.decide", d.StationId, AuditOutcome.Done, null, null, null), Ct);
        Assert.Null(applied.Refusal);

        string[] paths =
        [
            .. from parameter in new[] { "w21003", "w01009", "w01001", "w01019" }
               from interval in new[] { "hour", "day" }
               select Path(parameter, interval, start.AddHours(-5), start.AddHours(50)),
            Path("w21003", "hour", start.AddHours(6).AddMinutes(30), start.AddHours(25)),
            Path("w21003", "hour", early.AddHours(-1), early.AddHours(1)),
            Path("w21003", "hour", start.AddHours(60), start.AddHours(70)),
        ];
        string[] packed = await AnswersAsync(host, paths);
        Assert.True(packedStore!.PackedReads >= 9, $"{packedStore.PackedReads} packed reads");

        // The same questions after a restart (no answer kept), each from the readings row by row and the serialiser.
        await host.RestartAsync();
        string[] rows = await AnswersAsync(host, paths);

        Assert.Equal(rows, packed);

        // The late hour is there; upstream's invalidated hours leave downstream's value alone; real-time values count.
        JsonElement[] points = [.. JsonDocument.Parse(packed[0]).RootElement.GetProperty("points").EnumerateArray()];
        Assert.Equal((start.AddHours(-3), 1.5m, 1), (points[0].GetProperty("time").GetDateTimeOffset(), points[0].GetProperty("mean").GetDecimal(),
            points[0].GetProperty("count").GetInt32()));
        Assert.All(points.Where(p => p.GetProperty("time").GetDateTimeOffset() is var t && t >= start.AddHours(10) && t < start.AddHours(14)),
            p => Assert.Equal(1, p.GetProperty("count").GetInt32()));
        JsonElement[] early2 = [.. JsonDocument.Parse(packed[^2]).RootElement.GetProperty("points").EnumerateArray()];
        Assert.Equal(3, early2.Single().GetProperty("count").GetInt32());
        Assert.Empty(JsonDocument.Parse(packed[^1]).RootElement.GetProperty("points").EnumerateArray());
    }

    private static string Path(string parameter, string interval, DateTimeOffset from, DateTimeOffset to) =>
        $"/api/v1/sections/jinyushi/series?parameter={parameter}&interval={interval}&from={Iso(from)}&to={Iso(to)}";

    private static ReviewDecision Decision(string station, string parameter, ReviewAction action, DateTimeOffset from, DateTimeOffset to, decimal? value) =>
        new(station, parameter, from, to, action, value, "instrument-fault", "drift", "hn-reviewer", "hunan", DateTimeOffset.UtcNow);

    private static async Task<string[]> AnswersAsync(TestHost host, string[] paths)
    {
        using HttpClient client = ApiClient.For(host);
        var answers = new string[paths.Length];
        for (int i = 0; i < paths.Length; i++)
        {
            HttpResponseMessage response = await client.GetAsync(paths[i], Ct);
            answers[i] = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.IsSuccessStatusCode, $"{paths[i]}: {answers[i]}");
        }

        return answers;
    }

    private static string Iso(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
}
