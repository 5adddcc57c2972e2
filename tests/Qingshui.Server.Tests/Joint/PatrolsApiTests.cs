using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qingshui.Server.Tests.Accounts;

namespace Qingshui.Server.Tests.Joint;

public sealed class PatrolsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Route_Gpx10000Points_UploadsAndIsServedAsAGeoJsonLineString()
    {
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost running = host;
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "jx-viewer");
        long patrol = await hunan.PatrolAsync("jiangxi", "hunan");

        HttpResponseMessage uploaded = await hunan.UploadRouteAsync(patrol, PatrolBench.Gpx(10_000));

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Equal(10_000, (await uploaded.BodyAsync()).GetProperty("routePoints").GetInt32());
        HttpResponseMessage route = await viewer.GetAsync($"/api/v1/joint/patrols/{patrol}/route", Ct);
        Assert.Equal("application/geo+json", route.Content.Headers.ContentType?.MediaType);
        JsonElement geometry = (await route.BodyAsync()).GetProperty("geometry");
        Assert.Equal("LineString", geometry.GetProperty("type").GetString());
        Assert.Equal(10_000, geometry.GetProperty("coordinates").GetArrayLength());
        Assert.Equal([113.7, 27.6], geometry.GetProperty("coordinates")[0].EnumerateArray().Select(c => c.GetDouble()));
    }

    [Theory]
    [InlineData("dtd", "document-type", "document type (DTD)")]
    [InlineData("malformed", "malformed", "not well-formed XML")]
    [InlineData("oversized", "too-large", "at most 8388608")]
    [InlineData("too-many", "too-many-points", "more than 50000 points")]
    [InlineData("geojson-point", "not-a-route", "expected a LineString")]
    public async Task Route_Refused_Is400NamingWhy_AndStoresNothing(string kind, string reason, string message)
    {
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost running = host;
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        long patrol = await jiangxi.PatrolAsync("jiangxi");
        string body = kind switch
        {
            "dtd" => """<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><gpx><trk><trkseg><trkpt lat="1" lon="2">&xxe;</trkpt></trkseg></trk></gpx>""",
            "malformed" => """<gpx><trk><trkseg><trkpt lat="27.6" lon="113.7"></trkseg></gpx>""",
            "oversized" => "<gpx>" + new string(' ', 8 * 1024 * 1024) + "</gpx>",
            "too-many" => PatrolBench.Gpx(50_001),
            _ => """{"type":"Point","coordinates":[113.7,27.6]}""",
        };

        HttpResponseMessage response = await jiangxi.UploadRouteAsync(patrol, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement problem = await response.BodyAsync();
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        Assert.Contains(message, problem.GetProperty("errors").GetProperty("route")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await jiangxi.GetAsync($"/api/v1/joint/patrols/{patrol}/route", Ct)).StatusCode);
        Assert.Equal(0, (await jiangxi.GetJsonAsync($"/api/v1/joint/patrols/{patrol}")).GetProperty("routePoints").GetInt32());
    }

    [Fact]
    public async Task AddPatrol_ByOperatorOfASideNotTakingPart_Is403_AndBadFieldsAre400NamingThem()
    {
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost running = host;
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");

        HttpResponseMessage refused = await hunan.AddPatrolAsync("jiangxi");
        HttpResponseMessage bad = await hunan.PostAsJsonAsync("/api/v1/joint/patrols", new { date = "8 Feb", reach = "yangtze", participants = new[] { new { side = "hubei", name = "" } } }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["date", "participants[0].name", "participants[0].side", "reach"],
            (await bad.BodyAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListPatrols_BySideAndPaged_NewestFirstWithACursor()
    {
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost running = host;
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "office-coordinator");
        long first = await coordinator.PatrolAsync("jiangxi");
        long second = await coordinator.PatrolAsync("hunan");
        long third = await coordinator.PatrolAsync("jiangxi", "hunan");

        JsonElement page = await coordinator.GetJsonAsync("/api/v1/joint/patrols?side=jiangxi&limit=1");
        JsonElement next = await coordinator.GetJsonAsync($"/api/v1/joint/patrols?side=jiangxi&limit=1&cursor={page.GetProperty("nextCursor").GetString()}");

        Assert.Equal(third, page.GetProperty("patrols")[0].GetProperty("id").GetInt64());
        Assert.True(page.GetProperty("patrols")[0].GetProperty("joint").GetBoolean());
        Assert.Equal(first, next.GetProperty("patrols")[0].GetProperty("id").GetInt64());
        Assert.NotEqual(second, first);
    }
}
