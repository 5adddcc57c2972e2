using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qingshui.Domain.Access;
using Qingshui.Domain.Review;
using Qingshui.Server.Tests.Accounts;
using static Qingshui.Server.Tests.Review.ReviewDeskHost;

namespace Qingshui.Server.Tests.Review;

public sealed class ReviewLevelsApiTests
{
    // Level 1: the city running the station (Pingxiang for Jiangxi's stations, Zhuzhou for Hunan's); level 2: the province.
    private static readonly ReviewLevels CityThenProvince = new([
        new ReviewLevel("city", new Dictionary<string, string> { ["jiangxi"] = "pingxiang", ["hunan"] = "zhuzhou" }),
        new ReviewLevel("province", null),
    ]);

    private static async Task<TestHost> StartAsync()
    {
        TestHost host = await ReviewDeskHost.StartAsync(o => o with { ReviewLevels = CityThenProvince });
        await Members.AddAsync(host, "px-reviewer", "pingxiang", Role.Reviewer);
        await Members.AddAsync(host, "zz-reviewer", "zhuzhou", Role.Reviewer);
        return host;
    }

    private static string Levels(JsonElement month) =>
        string.Join(",", month.GetProperty("levels").EnumerateArray().Select(l => $"{l.GetProperty("id").GetString()}:{l.GetProperty("state").GetString()}"));

    [Fact]
    public async Task Close_CityThenProvince_MakesTheMonthReviewed_AndReopeningAtTheCityReopensTheProvince()
    {
        await using TestHost host = await StartAsync();
        await WriteMarchAsync(host);
        using HttpClient city = await LedgerDesk.SignedInAsync(host, "px-reviewer");
        using HttpClient province = await LedgerDesk.SignedInAsync(host, "jx-reviewer");

        HttpResponseMessage provinceFirst = await province.MonthStepAsync(JiangxiMn, "2024-03", "close");
        HttpResponseMessage cityClose = await city.MonthStepAsync(JiangxiMn, "2024-03", "close");
        JsonElement afterCity = await cityClose.BodyAsync();
        HttpResponseMessage provinceClose = await province.MonthStepAsync(JiangxiMn, "2024-03", "close");
        JsonElement afterProvince = await provinceClose.BodyAsync();
        HttpResponseMessage decideWhileClosed = await city.DecideAsync(JiangxiMn, PollutedDay, PollutedDay.AddDays(1));
        HttpResponseMessage cityReopen = await city.MonthStepAsync(JiangxiMn, "2024-03", "reopen", "the flood day needs a second look");
        JsonElement afterReopen = await cityReopen.BodyAsync();

        Assert.Equal(HttpStatusCode.Conflict, provinceFirst.StatusCode);
        Assert.Contains("is not closed at level 1 (city) yet: levels close in order, lowest first",
            (await provinceFirst.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, cityClose.StatusCode);
        Assert.Equal(("unreviewed", true, "city:closed,province:open"),
            (afterCity.GetProperty("state").GetString(), afterCity.GetProperty("provisional").GetBoolean(), Levels(afterCity)));
        Assert.Equal(("closed", false, "city:closed,province:closed"),
            (afterProvince.GetProperty("state").GetString(), afterProvince.GetProperty("provisional").GetBoolean(), Levels(afterProvince)));
        Assert.Equal(HttpStatusCode.Conflict, decideWhileClosed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cityReopen.StatusCode);
        Assert.Equal(("reopened", "city:open,province:open"), (afterReopen.GetProperty("state").GetString(), Levels(afterReopen)));
        Assert.Equal(["close city", "close province", "reopen city", "reopen province"], afterReopen.GetProperty("steps").EnumerateArray()
            .Select(s => $"{s.GetProperty("action").GetString()} {s.GetProperty("level").GetString()}"));
    }

    [Fact]
    public async Task Close_AtALevelTheOrganisationDoesNotReview_IsA403NamingWhoDoes_AndAnUnknownLevelA400()
    {
        await using TestHost host = await StartAsync();
        using HttpClient city = await LedgerDesk.SignedInAsync(host, "px-reviewer");
        using HttpClient otherCity = await LedgerDesk.SignedInAsync(host, "zz-reviewer");

        HttpResponseMessage atProvince = await city.PostAsJsonAsync($"/api/v1/review/months/{JiangxiMn}/2024-03/close", new { level = "province" }, TestContext.Current.CancellationToken);
        HttpResponseMessage byOtherCity = await otherCity.MonthStepAsync(JiangxiMn, "2024-03", "close");
        HttpResponseMessage unknown = await city.PostAsJsonAsync($"/api/v1/review/months/{JiangxiMn}/2024-03/close", new { level = "county" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, atProvince.StatusCode);
        Assert.Contains("'pingxiang' does not review 360300A00000000000000201 at level 2 (province): the organisation acting for jurisdiction 'jiangxi' does; "
            + "'pingxiang' reviews it at level 1", (await atProvince.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byOtherCity.StatusCode);
        Assert.Contains("'zhuzhou' reviews 360300A00000000000000201 at no level; its reviewers are level 1 (city): organisation 'pingxiang'",
            (await byOtherCity.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("'county' is not a review level: city, province",
            (await unknown.BodyAsync()).GetProperty("errors").GetProperty("level")[0].GetString());
    }

    // The province's own organisation reviews its stations at both levels: as the station's jurisdiction, then as the province.
    private static readonly ReviewLevels StationThenProvince = new([
        new ReviewLevel("station", null),
        new ReviewLevel("province", new Dictionary<string, string> { ["jiangxi"] = "jiangxi", ["hunan"] = "hunan" }),
    ]);

    [Fact]
    public async Task Month_OfAReviewerAtBothLevels_SaysBothAreTheirs_AndEachLevelClosesByChoice_NamingWhoClosedIt()
    {
        await using TestHost host = await ReviewDeskHost.StartAsync(o => o with { ReviewLevels = StationThenProvince });
        await WriteMarchAsync(host);
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-reviewer");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-reviewer");
        string path = $"/api/v1/review/months/{JiangxiMn}/2024-03";

        JsonElement before = await jiangxi.GetFromJsonAsync<JsonElement>(path, TestContext.Current.CancellationToken);
        JsonElement seenByHunan = await hunan.GetFromJsonAsync<JsonElement>(path, TestContext.Current.CancellationToken);
        HttpResponseMessage provinceFirst = await jiangxi.PostAsJsonAsync($"{path}/close", new { level = "province" }, TestContext.Current.CancellationToken);
        HttpResponseMessage station = await jiangxi.PostAsJsonAsync($"{path}/close", new { level = "station" }, TestContext.Current.CancellationToken);
        HttpResponseMessage province = await jiangxi.PostAsJsonAsync($"{path}/close", new { level = "province", reason = "省级复核完成" }, TestContext.Current.CancellationToken);
        JsonElement after = await province.BodyAsync();

        Assert.Equal([true, true], before.GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("mine").GetBoolean()));
        Assert.Equal([false, false], seenByHunan.GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("mine").GetBoolean()));
        Assert.All(before.GetProperty("levels").EnumerateArray(), l => Assert.Equal(JsonValueKind.Null, l.GetProperty("closedBy").ValueKind));
        Assert.Equal(HttpStatusCode.Conflict, provinceFirst.StatusCode);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (station.StatusCode, province.StatusCode));
        Assert.Equal("closed", after.GetProperty("state").GetString());
        Assert.Equal(["station:closed:jx-reviewer:jiangxi", "province:closed:jx-reviewer:jiangxi"], after.GetProperty("levels").EnumerateArray().Select(l =>
            $"{l.GetProperty("id").GetString()}:{l.GetProperty("state").GetString()}:{l.GetProperty("closedBy").GetString()}:{l.GetProperty("organisation").GetString()}"));
        Assert.Equal(TimeSpan.FromHours(8), after.GetProperty("levels")[1].GetProperty("closedAt").GetDateTimeOffset().Offset);
    }

    [Fact]
    public async Task Decide_AtALevelTheUserDoesNotHold_IsA403NamingWhoReviewsThere_AnUnknownLevelA400_AndTheirOwnLevelIsApplied()
    {
        await using TestHost host = await StartAsync();
        await WriteMarchAsync(host);
        using HttpClient city = await LedgerDesk.SignedInAsync(host, "px-reviewer");
        object Decision(string level) => new
        {
            station = JiangxiMn, parameter = Ammonia, from = PollutedDay.ToString("o"), to = PollutedDay.AddDays(1).ToString("o"),
            action = "invalidate", reason = "instrument-fault", note = "", level,
        };

        HttpResponseMessage atProvince = await city.PostAsJsonAsync("/api/v1/review/decisions", Decision("province"), TestContext.Current.CancellationToken);
        HttpResponseMessage unknown = await city.PostAsJsonAsync("/api/v1/review/decisions", Decision("county"), TestContext.Current.CancellationToken);
        HttpResponseMessage atCity = await city.PostAsJsonAsync("/api/v1/review/decisions", Decision("city"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, atProvince.StatusCode);
        Assert.Contains("'pingxiang' does not review 360300A00000000000000201 at level 2 (province): the organisation acting for jurisdiction 'jiangxi' does",
            (await atProvince.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("'county' is not a review level: city, province", (await unknown.BodyAsync()).GetProperty("errors").GetProperty("level")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, atCity.StatusCode);
        Assert.Equal(24, (await atCity.BodyAsync()).GetProperty("decision").GetProperty("readings").GetInt32());
    }
}
