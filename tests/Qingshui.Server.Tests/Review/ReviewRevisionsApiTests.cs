using System.Globalization;
using System.Net;
using System.Text.Json;
using Qingshui.Server.Tests.Accounts;
using static Qingshui.Server.Tests.Review.ReviewDeskHost;

namespace Qingshui.Server.Tests.Review;

public sealed class ReviewRevisionsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Path(DateTimeOffset from, DateTimeOffset to, string parameter = Ammonia) => string.Create(CultureInfo.InvariantCulture,
        $"/api/v1/review/revisions?station={JiangxiMn}&parameter={parameter}&from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}");

    [Fact]
    public async Task Revisions_AfterInvalidatingADay_GiveEachHourItsValueBeforeAndAfter_AndNothingElse()
    {
        await using TestHost host = await ReviewDeskHost.StartAsync();
        await WriteMarchAsync(host);
        using HttpClient reviewer = await LedgerDesk.SignedInAsync(host, "jx-reviewer");
        Assert.Equal(HttpStatusCode.OK, (await reviewer.DecideAsync(JiangxiMn, PollutedDay, PollutedDay.AddDays(1))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.DecideAsync(JiangxiMn, PollutedDay.AddHours(3), PollutedDay.AddHours(4), "correct", 0.4m)).StatusCode);

        JsonElement answer = await (await reviewer.GetAsync(Path(March, March.AddMonths(1)), Ct)).BodyAsync();

        JsonElement[] readings = [.. answer.GetProperty("readings").EnumerateArray()];
        Assert.Equal(24, readings.Length);
        Assert.All(readings, r => Assert.Equal(PollutedDay.Date, r.GetProperty("time").GetDateTimeOffset().ToOffset(PollutedDay.Offset).Date));
        JsonElement[] hour5 = [.. readings[5].GetProperty("revisions").EnumerateArray()];
        Assert.Equal([(0, 25m, true), (1, 25m, false)], hour5.Select(Revision));
        JsonElement[] hour3 = [.. readings[3].GetProperty("revisions").EnumerateArray()];
        Assert.Equal([(0, 25m, true), (1, 25m, false), (2, 0.4m, true)], hour3.Select(Revision));
    }

    [Fact]
    public async Task Revisions_BadQuery_Is400NamingEachField()
    {
        await using TestHost host = await ReviewDeskHost.StartAsync();
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");

        HttpResponseMessage tooLong = await viewer.GetAsync(Path(March, March.AddDays(40)), Ct);
        HttpResponseMessage missing = await viewer.GetAsync("/api/v1/review/revisions?station=nowhere&kind=weekly", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("at most 32 days", (await tooLong.BodyAsync()).GetProperty("errors").GetProperty("to")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(["from", "kind", "parameter", "station", "to"],
            (await missing.BodyAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    private static (int, decimal, bool) Revision(JsonElement r) =>
        (r.GetProperty("revision").GetInt32(), r.GetProperty("value").GetDecimal(), r.GetProperty("valid").GetBoolean());
}
