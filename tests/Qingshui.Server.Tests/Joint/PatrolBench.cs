using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Qingshui.Domain.Access;
using Qingshui.Server.Tests.Accounts;

namespace Qingshui.Server.Tests.Joint;

/// <summary>
/// A server with operators and viewers of Jiangxi and Hunan, a joint-office coordinator and an observer, its clock on
/// 2025-02-12 20:00 China time (four hours before a finding due that day becomes overdue) and moved by hand; and the requests the patrol tests make.
/// </summary>
internal static class PatrolBench
{
    public static readonly DateTimeOffset Start = new(2025, 2, 12, 20, 0, 0, TimeSpan.FromHours(8));

    public static async Task<(TestHost Host, ManualClock Clock)> StartAsync()
    {
        var clock = new ManualClock(Start);
        TestHost host = await TestHost.StartAsync(clock: clock);
        await Members.AddAsync(host, "jx-operator", "jiangxi", Role.Operator);
        await Members.AddAsync(host, "hn-operator", "hunan", Role.Operator);
        await Members.AddAsync(host, "jx-viewer", "jiangxi", Role.Viewer);
        await Members.AddAsync(host, "hn-viewer", "hunan", Role.Viewer);
        await Members.AddAsync(host, "office-coordinator", "joint-office", Role.Coordinator);
        await Members.AddAsync(host, "office-operator", "joint-office", Role.Operator);
        return (host, clock);
    }

    /// <summary>A GPX 1.1 track of <paramref name="points"/> points up the Pingshui from (113.7, 27.6), with elevations and times.</summary>
    public static string Gpx(int points)
    {
        var text = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>""");
        for (int i = 0; i < points; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"""<trkpt lat="{27.60 + i * 0.00001:0.000000}" lon="{113.70 + i * 0.00001:0.000000}"><ele>52.1</ele><time>2025-02-08T08:00:00Z</time></trkpt>""").Append('\n');
        }

        return text.Append("</trkseg></trk></gpx>").ToString();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> AddPatrolAsync(this HttpClient client, params string[] sides) =>
        client.PostAsJsonAsync("/api/v1/joint/patrols", new
        {
            date = "2025-02-08",
            reach = "jinyushi",
            participants = sides.Select(s => new { side = s, name = s + " 河长办 巡河员" }),
            notes = "金鱼石上下游 3 km",
        }, Ct);

    public static async Task<long> PatrolAsync(this HttpClient client, params string[] sides)
    {
        HttpResponseMessage added = await client.AddPatrolAsync(sides);
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync(Ct));
        return (await added.BodyAsync()).GetProperty("id").GetInt64();
    }

    public static Task<HttpResponseMessage> AddFindingAsync(
        this HttpClient client, long patrol, string owner = "hunan", string? deadline = "2025-02-12", string[]? photos = null) =>
        client.PostAsJsonAsync("/api/v1/joint/findings", new
        {
            patrol,
            text = "右岸排污口有黑水流出",
            longitude = 113.71,
            latitude = 27.61,
            photos = photos ?? [],
            owner,
            deadline,
        }, Ct);

    public static async Task<long> FindingAsync(this HttpClient client, long patrol, string owner = "hunan", string? deadline = "2025-02-12")
    {
        HttpResponseMessage added = await client.AddFindingAsync(patrol, owner, deadline);
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync(Ct));
        return (await added.BodyAsync()).GetProperty("id").GetInt64();
    }

    public static Task<HttpResponseMessage> CloseFindingAsync(this HttpClient client, long finding, string how = "已封堵排污口，水样复测达标") =>
        client.PostAsJsonAsync($"/api/v1/joint/findings/{finding}/close", new { how }, Ct);

    public static Task<HttpResponseMessage> UploadRouteAsync(this HttpClient client, long patrol, string body, string contentType = "application/gpx+xml") =>
        client.PutAsync($"/api/v1/joint/patrols/{patrol}/route", new StringContent(body, Encoding.UTF8, contentType), Ct);

    public static Task<HttpResponseMessage> OpenCaseAsync(this HttpClient client) =>
        client.PostAsJsonAsync("/api/v1/joint/cases", new { what = "非法采砂", where = "金鱼石下游 500 m 右岸", longitude = 113.72, latitude = 27.62 }, Ct);

    public static async Task<long> CaseAsync(this HttpClient client)
    {
        HttpResponseMessage opened = await client.OpenCaseAsync();
        Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync(Ct));
        return (await opened.BodyAsync()).GetProperty("id").GetInt64();
    }

    public static Task<HttpResponseMessage> CaseStepAsync(this HttpClient client, long id, string step, object body) =>
        client.PostAsJsonAsync($"/api/v1/joint/cases/{id}/{step}", body, Ct);

    public static Task<HttpResponseMessage> ImportChiefsAsync(this HttpClient client, string csv) =>
        client.PostAsync("/api/v1/joint/river-chiefs/import", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        HttpResponseMessage response = await client.GetAsync(path, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.BodyAsync();
    }

    public static async Task<string> ProblemAsync(this HttpResponseMessage response) => await response.Content.ReadAsStringAsync(Ct);
}
