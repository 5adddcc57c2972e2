using System.Text.Json;

namespace Qingshui.Server.Tests.Api;

public sealed class OpenApiTests
{
    [Fact]
    public async Task OpenApiDocument_DescribesEveryEndpoint_AndTheBrowsablePageIsServed()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);

        JsonElement document = await client.GetJsonAsync("/api/v1/openapi.json");
        string page = await client.GetStringAsync("/api/docs/index.html", ct);

        string[] paths = [.. document.GetProperty("paths").EnumerateObject().Select(p => p.Name)];
        Assert.Superset(
            new HashSet<string>
            {
                "/api/v1/health", "/api/v1/basins", "/api/v1/basins/{id}", "/api/v1/basins/{id}/assessment", "/api/v1/sections/{id}", "/api/v1/sections/{id}/months",
                "/api/v1/sections/{id}/series", "/api/v1/stations", "/api/v1/stations/{mn}/packets", "/api/v1/stations/{mn}/readings", "/api/v1/agreements",
                "/api/v1/agreements/{id}/statements/{year}", "/api/v1/events",
            },
            paths.Select(p => p.TrimEnd('/')).ToHashSet());
        Assert.DoesNotContain(paths, p => p.Contains("{**path}", StringComparison.Ordinal));
        Assert.Contains("swagger", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Root_ServesTheDashboard_AndItsRoutesFallBackToIt()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);
        Assert.SkipUnless(DashboardFiles.IsBuilt, "the dashboard was not built (Node.js missing at build time)");

        HttpResponseMessage root = await client.GetAsync("/", ct);
        string index = await root.Content.ReadAsStringAsync(ct);
        string fallback = await client.GetStringAsync("/section/jinyushi", ct);

        Assert.Equal("text/html", root.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<main id=\"app\"", index, StringComparison.Ordinal);
        Assert.Equal(index, fallback);
        string script = System.Text.RegularExpressions.Regex.Match(index, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        HttpResponseMessage asset = await client.GetAsync(script, ct);
        Assert.Equal("text/javascript", asset.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", asset.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }
}
