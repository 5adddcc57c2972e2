using System.Net;
using System.Text.Json;

namespace Qingshui.Server.Tests.Api;

public sealed class AlertsApiTests
{
    [Theory]
    [InlineData("?state=pending", "state")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=501", "limit")]
    [InlineData("?before=-3", "before")]
    [InlineData("?section=nowhere", "section")]
    [InlineData("?station=123", "station")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?from=2024-01-01&to=2025-06-01", "from")]
    [InlineData("?from=2024-02-01&to=2024-01-01", "from")]
    public async Task List_BadQuery_Is400ProblemNamingTheField(string query, string field)
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);

        (int status, string? type, JsonElement body) = await client.GetProblemAsync("/api/v1/alerts" + query);

        Assert.Equal((400, "application/problem+json"), (status, type));
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task Get_UnknownOrMalformedId_Is404Or400()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);

        (int missing, _, _) = await client.GetProblemAsync("/api/v1/alerts/999");
        (int malformed, _, JsonElement body) = await client.GetProblemAsync("/api/v1/alerts/abc");

        Assert.Equal((404, 400), (missing, malformed));
        Assert.True(body.GetProperty("errors").TryGetProperty("id", out _));
    }

    [Fact]
    public async Task List_Anonymous_IsOpenLikeTheOtherReads()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient anonymous = ApiClient.For(host);

        using HttpResponseMessage response = await anonymous.GetAsync("/api/v1/alerts", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
