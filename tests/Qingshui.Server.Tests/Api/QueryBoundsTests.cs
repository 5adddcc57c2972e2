using System.Diagnostics;
using System.Text.Json;
using Qingshui.Domain.Presets;

namespace Qingshui.Server.Tests.Api;

/// <summary>One server for every bounds case: none of them stores anything.</summary>
public sealed class QueryBoundsHost : IAsyncLifetime
{
    internal TestHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Host = await TestHost.StartAsync(configure: o => o with { Agreements = [AgreementPresets.Load("lushui-2019")] });

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>Every query's cost is bounded: impossible dates and runaway ranges are a 400 naming the parameter, never a 500 or a long wait.</summary>
public sealed class QueryBoundsTests(QueryBoundsHost fixture) : IClassFixture<QueryBoundsHost>
{
    private const string Series = "/api/v1/sections/jinyushi/series?parameter=w21003";
    private const string Readings = "/api/v1/stations/430281A00000000000000202/readings";
    private const string Assessment = "/api/v1/basins/pingshui-lushui/assessment";

    [Theory]
    [InlineData(Assessment + "?month=0001-01", "month")]
    [InlineData(Assessment + "?month=9999-12", "month")]
    [InlineData(Assessment + "?month=0000-01", "month")]
    [InlineData(Assessment + "?month=2025-13", "month")]
    [InlineData(Assessment + "?month=-1-01", "month")]
    [InlineData(Assessment + "?month=99999-01", "month")]
    [InlineData("/api/v1/sections/jinyushi/months?year=0", "year")]
    [InlineData("/api/v1/sections/jinyushi/months?year=-1", "year")]
    [InlineData("/api/v1/sections/jinyushi/months?year=1", "year")]
    [InlineData("/api/v1/sections/jinyushi/months?year=9999", "year")]
    [InlineData("/api/v1/sections/jinyushi/months?year=99999", "year")]
    [InlineData(Series + "&from=0001-01-01", "from")]
    [InlineData(Series + "&from=0001-01-01T00:00:00Z&to=0001-02-01T00:00:00Z", "from")]
    [InlineData(Series + "&from=0001-01-01T00:00:00%2B08:00", "from")]
    [InlineData(Series + "&to=9999-12-31T23:59:59", "to")]
    [InlineData(Series + "&from=9999-12-01&to=9999-12-31", "from")]
    [InlineData(Series + "&from=2025-02-01&to=2025-01-01", "from")]
    [InlineData(Series + "&from=0025-01-01&to=2025-01-01", "from")]
    [InlineData(Series + "&from=2000-01-01&to=2025-01-01", "from")]
    [InlineData(Series + "&from=2025-01-01&to=2025-12-31&interval=raw", "from")]
    [InlineData(Series + "&from=2020-01-01&to=2025-01-01&interval=hour", "from")]
    [InlineData(Readings + "?from=0001-01-01&to=0001-01-02", "from")]
    [InlineData(Readings + "?from=9999-12-30&to=9999-12-31", "from")]
    [InlineData(Readings + "?from=2025-02-01&to=2025-01-01", "from")]
    [InlineData(Readings + "?from=2000-01-01&to=2025-01-01", "from")]
    [InlineData(Readings + "?kind=99", "kind")]
    [InlineData(Readings + "?kind=-1", "kind")]
    [InlineData(Readings + "?kind=realtime,minute", "kind")]
    [InlineData("/api/v1/agreements/lushui-2019/statements/0", "year")]
    [InlineData("/api/v1/agreements/lushui-2019/statements/-1", "year")]
    [InlineData("/api/v1/agreements/lushui-2019/statements/99999", "year")]
    public async Task ImpossibleOrRunawayRange_IsA400NamingTheParameter(string path, string named)
    {
        using HttpClient client = ApiClient.For(fixture.Host);
        var watch = Stopwatch.StartNew();

        (int status, string? type, JsonElement body) = await client.GetProblemAsync(path);

        Assert.True(status == 400, $"{path}: {status} {body}");
        Assert.Equal("application/problem+json", type);
        Assert.True(body.GetProperty("errors").TryGetProperty(named, out _), body.ToString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{path} took {watch.Elapsed}");
    }

    [Theory]
    [InlineData(Series + "&from=2016-01-01&to=2025-12-31")]
    [InlineData(Series + "&from=2025-01-01&to=2025-12-31&interval=hour")]
    [InlineData(Series + "&from=2025-01-01&to=2025-03-31&interval=raw")]
    [InlineData(Readings + "?kind=hour&from=2025-01-01&to=2025-01-31")]
    [InlineData(Readings + "?kind=day&from=2025-01-01&to=2025-12-31")]
    [InlineData(Readings + "?kind=realtime&from=2025-01-01&to=2025-01-03")]
    [InlineData(Readings + "?kind=hour&from=2025-01-01&to=2025-06-01")]
    [InlineData(Readings + "?kind=realtime&from=2025-01-01&to=2025-12-31")]
    [InlineData(Readings + "?kind=day&from=2016-01-01&to=2025-12-31")]
    [InlineData(Assessment + "?month=1970-01")]
    [InlineData(Assessment + "?month=2099-12")]
    [InlineData("/api/v1/sections/jinyushi/months?year=1970")]
    [InlineData("/api/v1/agreements/lushui-2019/statements/2020")]
    public async Task RangeWithinTheCaps_IsAnswered(string path)
    {
        using HttpClient client = ApiClient.For(fixture.Host);

        HttpResponseMessage response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }
}
