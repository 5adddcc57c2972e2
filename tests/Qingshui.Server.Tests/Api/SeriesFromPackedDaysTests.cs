using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Review;
using Qingshui.Hj212;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Api;

/// <summary>
/// The section series and month answers read from the packed days are, byte for byte, the answers read from the readings
/// row by row, over the same data: hourly history, a late upload, retransmissions that revise values and validity, and
/// reviewers' decisions that invalidate and correct.
/// </summary>
public sealed class SeriesFromPackedDaysTests
{
    private const string Upstream = "360300A00000000000000201", Downstream = "430281A00000000000000202";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SeriesAndMonths_FromPackedDays_AreByteForByteTheAnswersFromTheReadingRows()
    {
        RowValuesStore? store = null;
        await using TestHost host = await TestHost.StartAsync(decorateStore: s => store = new RowValuesStore(s));
        DateTimeOffset start = await ApiClient.SendRecentHoursAsync(host, 50);
        await using (RawStation station = await RawStation.ConnectAsync(host.Port))
        {
            // A late hour from before the history, then two hours sent again with other values, one now flagged D (invalid).
            foreach ((DateTimeOffset hour, string value, string flag) in new[] { (start.AddHours(-3), "1.5", "N"), (start.AddHours(7), "0.91", "N"), (start.AddHours(8), "2.2", "D") })
            {
                await station.SendAsync(FrameEncoder.Encode(string.Create(CultureInfo.InvariantCulture,
                    $"QN={hour:yyyyMMddHHmmssfff};ST=21;CN=2061;PW=jx0201;MN={Upstream};Flag=5;CP=&&DataTime={hour:yyyyMMddHHmmss};w21003-Avg={value},w21003-Flag={flag}&&")));
                Assert.Equal("9014", (await station.ReceiveAsync()).Command);
            }
        }

        ReviewApplyResult applied = await host.Server.Services.GetRequiredService<IReviewStore>().ApplyAsync(
        [
            Decision(Upstream, "w21003", ReviewAction.Invalidate, start.AddHours(10), start.AddHours(14), null),
            Decision(Downstream, "w21003", ReviewAction.Correct, start.AddHours(20), start.AddHours(23), 0.35m),
            Decision(Downstream, "w01009", ReviewAction.Invalidate, start.AddHours(30), start.AddHours(31), null),
        ], (d, n) => AuditRecord.Create(d.At, new AuditActor(d.By, d.Organisation, null), "review.decide", d.StationId, AuditOutcome.Done, null, null, null), Ct);
        Assert.Null(applied.Refusal);

        string[] paths =
        [
            .. from parameter in new[] { "w21003", "w01009", "w01001" }
               from interval in new[] { "hour", "day" }
               select $"/api/v1/sections/jinyushi/series?parameter={parameter}&interval={interval}&from={Iso(start.AddHours(-5))}&to={Iso(start.AddHours(50))}",
            $"/api/v1/sections/jinyushi/series?parameter=w21003&interval=hour&from={Iso(start.AddHours(6).AddMinutes(30))}&to={Iso(start.AddHours(25))}",
            $"/api/v1/sections/jinyushi/months?year={start.Year}",
        ];
        string[] packed = await AnswersAsync(host, paths);
        Assert.False(store!.FromRows);

        // The same questions after a restart (no response kept), each answered from the readings row by row.
        await host.RestartAsync();
        store!.FromRows = true;
        string[] rows = await AnswersAsync(host, paths);

        Assert.Equal(rows, packed);

        // And the answers show the late hour, and the invalidated hours with the other station's value alone.
        JsonElement[] points = [.. JsonDocument.Parse(packed[0]).RootElement.GetProperty("points").EnumerateArray()];
        Assert.Equal((start.AddHours(-3), 1.5m, 1), (points[0].GetProperty("time").GetDateTimeOffset(), points[0].GetProperty("mean").GetDecimal(),
            points[0].GetProperty("count").GetInt32()));
        Assert.All(points.Where(p => p.GetProperty("time").GetDateTimeOffset() is var t && t >= start.AddHours(10) && t < start.AddHours(14)),
            p => Assert.Equal(1, p.GetProperty("count").GetInt32()));
    }

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
