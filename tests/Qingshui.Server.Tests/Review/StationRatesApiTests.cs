using System.Net;
using System.Text.Json;
using Qingshui.Server.Tests.Accounts;
using static Qingshui.Server.Tests.Review.ReviewDeskHost;

namespace Qingshui.Server.Tests.Review;

public sealed class StationRatesApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement[]> RatesAsync(HttpClient client, string query)
    {
        HttpResponseMessage response = await client.GetAsync($"/api/v1/stations/{JiangxiMn}/rates?{query}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.BodyAsync()).GetProperty("rates").EnumerateArray()];
    }

    [Fact]
    public async Task Rates_PerDayAndMonth_FollowTheHoursReceived_AndAnInvalidatedDayLowersTheValidRate()
    {
        await using TestHost host = await ReviewDeskHost.StartAsync();
        await WriteMarchAsync(host);
        using HttpClient reviewer = await LedgerDesk.SignedInAsync(host, "jx-reviewer");

        JsonElement[] days = await RatesAsync(reviewer, "period=day&from=2024-03-09&to=2024-03-11");
        Assert.Equal(HttpStatusCode.OK, (await reviewer.DecideAsync(JiangxiMn, PollutedDay, PollutedDay.AddDays(1))).StatusCode);
        JsonElement[] after = await RatesAsync(reviewer, "period=day&from=2024-03-09&to=2024-03-11");
        JsonElement[] months = await RatesAsync(reviewer, "period=month&from=2024-02&to=2024-04");

        Assert.Equal(["2024-03-09", "2024-03-10"], days.Select(d => d.GetProperty("period").GetString()));
        Assert.All(days, d => Assert.Equal((24, 24, 1m, 120, 1m), (d.GetProperty("hoursExpected").GetInt32(), d.GetProperty("hoursReceived").GetInt32(),
            d.GetProperty("transmissionRate").GetDecimal(), d.GetProperty("values").GetInt32(), d.GetProperty("validRate").GetDecimal())));
        Assert.Equal((96, 0.8m), (after[1].GetProperty("validValues").GetInt32(), after[1].GetProperty("validRate").GetDecimal()));
        Assert.Equal(["2024-02", "2024-03"], months.Select(m => m.GetProperty("period").GetString()));
        Assert.Equal((29 * 24, 0, 0m), (months[0].GetProperty("hoursExpected").GetInt32(), months[0].GetProperty("hoursReceived").GetInt32(),
            months[0].GetProperty("transmissionRate").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, months[0].GetProperty("validRate").ValueKind);
        Assert.Equal((31 * 24, 31 * 24, 1m, 31 * 120 - 24, 0.9935m), (months[1].GetProperty("hoursExpected").GetInt32(), months[1].GetProperty("hoursReceived").GetInt32(),
            months[1].GetProperty("transmissionRate").GetDecimal(), months[1].GetProperty("validValues").GetInt32(), months[1].GetProperty("validRate").GetDecimal()));
    }

    [Theory]
    [InlineData("period=week", "period", "'week' is not day or month")]
    [InlineData("from=2024-13-01", "from", "'2024-13-01' is not a day like 2024-03-01 or a month like 2024-03")]
    [InlineData("from=2024-03-10&to=2024-03-10", "from", "must be before 'to'")]
    [InlineData("from=2023-01-01&to=2024-03-01", "from", "at most 366 days per request with period=day")]
    [InlineData("period=month&from=2020-01&to=2024-01", "from", "at most 3 years per request with period=month")]
    [InlineData("to=1900-01", "to", "1900")]
    public async Task Rates_BadQuery_IsAProblemNamingTheField(string query, string field, string why)
    {
        await using TestHost host = await ReviewDeskHost.StartAsync();
        using HttpClient reviewer = await LedgerDesk.SignedInAsync(host, "jx-reviewer");

        HttpResponseMessage response = await reviewer.GetAsync($"/api/v1/stations/{JiangxiMn}/rates?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        string message = Assert.Single((await response.BodyAsync()).GetProperty("errors").GetProperty(field).EnumerateArray()).GetString()!;
        Assert.Contains(why, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rates_OfAnUnknownStation_Is404()
    {
        await using TestHost host = await ReviewDeskHost.StartAsync();
        using HttpClient reviewer = await LedgerDesk.SignedInAsync(host, "jx-reviewer");

        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync("/api/v1/stations/nope/rates", Ct)).StatusCode);
    }
}
