using System.Globalization;
using System.Text;
using System.Text.Json;
using Qingshui.Domain.Presets;
using Qingshui.Hj212;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Simulation;

namespace Qingshui.Server.Tests.Api;

/// <summary>No HTTP response, event or log line shows a station's HJ 212 password (or a member's), whatever the stations sent.</summary>
public sealed class StationSecretsTests
{
    private static readonly string[] Passwords = [.. TestHost.Preset.Stations.Select(s => s.Password), Members.Password];

    [Fact]
    public async Task EveryGetEndpointEventAndLogLine_AfterStationsSentGoodAndBadData_ShowsNoPassword()
    {
        // Given a host whose stations sent good data, faulty data and hand-made packets that carry passwords in every place
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { Agreements = [AgreementPresets.Load("lushui-2019")] });
        // A signed-in member, so that the session's own GET endpoints answer too.
        await Members.AddAsync(host, "hn-admin", "hunan", Qingshui.Domain.Access.Role.Admin);
        await Members.AddAsync(host, "jx-viewer", "jiangxi", Qingshui.Domain.Access.Role.Viewer);
        using HttpClient client = Members.Client(host);
        Assert.True((await client.SignInAsync("hn-admin", Members.Password)).IsSuccessStatusCode);
        using var listening = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using HttpResponseMessage stream = await client.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead, ct);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(ct));
        Assert.Equal(": connected", await reader.ReadLineAsync(ct));
        Task<string> events = ReadEventsAsync(reader, listening.Token);

        await ApiClient.SendRecentHoursAsync(host, 6);
        await SendFaultyAsync(host);
        await SendWithPasswordsEverywhereAsync(host);
        await WaitForPacketsAsync(client, "/api/v1/stations/unattributed/packets?limit=1000", 3);

        // When every GET endpoint of the OpenAPI document is called with real ids, and the event stream is read a while
        var responses = new Dictionary<string, string>();
        JointRecords joint = await JointRecordsAsync(client);
        foreach (string url in await UrlsAsync(client, joint))
        {
            HttpResponseMessage response = await client.GetAsync(url, ct);
            string body = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(ct));
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
            responses[url] = body;
        }

        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        await listening.CancelAsync();
        responses["/api/v1/events"] = await events;
        responses["log"] = string.Join('\n', host.Logs.Entries.Select(e => e.Message));

        // Then no password is anywhere, and the packet logs did show the packets that carried them, masked
        Assert.All(responses, r => Assert.All(Passwords, pw => Assert.False(r.Value.Contains(pw, StringComparison.OrdinalIgnoreCase), $"{r.Key} shows '{pw}': {r.Value.Substring(Math.Max(0, r.Value.IndexOf(pw, StringComparison.OrdinalIgnoreCase) - 300), Math.Min(400, r.Value.Length - Math.Max(0, r.Value.IndexOf(pw, StringComparison.OrdinalIgnoreCase) - 300)))}")));
        Assert.Contains("event: readings", responses["/api/v1/events"], StringComparison.Ordinal);
        string packetLogs = string.Concat(responses.Where(r => r.Key.Contains("/packets", StringComparison.Ordinal)).Select(r => r.Value));
        Assert.True(packetLogs.Split("PW=******").Length > 30, "the packet logs show the masked packets");
        Assert.Contains(responses.Keys, k => k.StartsWith("/api/v1/stations/unattributed/packets", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Entries, e => e.Message.Contains("PW=******", StringComparison.Ordinal));
    }

    /// <summary>Bad CRCs, garbage between frames and split messages sent out of order, as a faulty link delivers them.</summary>
    private static async Task SendFaultyAsync(TestHost host)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        await Simulator.RunAsync(new SimulationOptions
        {
            Host = "127.0.0.1", Port = host.Port, Stations = SyntheticBasin.StationsOf(TestHost.Preset), Start = now.AddHours(-12), PacketsPerStation = 3,
            Faults = new FaultOptions { BadCrc = 0.3, Garbage = 0.3, SplitOutOfOrder = 0.3 }, AckTimeout = TimeSpan.FromMilliseconds(500), MaxRetries = 1, Seed = 8,
        }, null, TestContext.Current.CancellationToken);
    }

    /// <summary>Packets that put passwords where a careless log or page would show them.</summary>
    private static async Task SendWithPasswordsEverywhereAsync(TestHost host)
    {
        string qn = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        string dataTime = qn[..14];
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        // A bad CRC from a registered station (rejected, stored as sent)
        string good = $"QN={qn};ST=21;CN=2011;PW=hn0301;MN=430281A00000000000000301;Flag=5;CP=&&DataTime={dataTime};w21003-Rtd=0.5&&";
        await station.SendAsync($"##{good.Length:D4}{good}FFFF\r\n");
        // An unknown MN sending another station's password (quarantined, no station to attribute it to)
        await station.SendAsync(FrameEncoder.Encode($"QN={qn};ST=21;CN=2011;PW=px0101;MN=999999A00000000000000999;Flag=5;CP=&&DataTime={dataTime};w21003-Rtd=0.5&&"));
        // A registered MN with another station's password (quarantined under the MN it names)
        await station.SendAsync(FrameEncoder.Encode($"QN={qn};ST=21;CN=2011;PW=jx0201;MN=430281A00000000000000202;Flag=5;CP=&&DataTime={dataTime};w21003-Rtd=0.5&&"));
        // A password where the MN should be, and inside the data area
        await station.SendAsync(FrameEncoder.Encode($"QN={qn};ST=21;CN=2011;PW=hn0301;MN=PW=hn0301;Flag=5;CP=&&DataTime={dataTime};w21003-Rtd=0.5&&"));
        await station.SendAsync(FrameEncoder.Encode($"QN={qn};ST=21;CN=2011;PW=hn0202;MN=430281A00000000000000202;Flag=5;CP=&&DataTime={dataTime};PW=hn0202;w21003-Rtd=PW=hn0202&&"));
        // Unreadable data segments with the password first, in the middle and last
        await station.SendAsync(FrameEncoder.Encode($"PW=hn0401;QN=bad;MN=430212A00000000000000401;CP=&&&&"));
        await station.SendAsync(FrameEncoder.Encode($"QN={qn};ST=21;CN=2011;MN=430212A00000000000000401;PW=hn0401"));
        // Garbage that is no frame at all
        await station.SendAsync("garbage PW=hn0202;MN=430281A00000000000000202 more garbage\r\n##00ZZ;PW=px0101;\r\n");
        await station.IsClosedByServerAsync(TimeSpan.FromMilliseconds(500));
    }

    /// <summary>Every GET of the OpenAPI document with each real id (basin, sections, stations, agreements) and realistic queries.</summary>
    // A joint meeting with a decision and an attachment, so that their GET endpoints answer with real records.
    private sealed record JointRecords(string Meeting, string Decision, string Attachment);

    private static async Task<JointRecords> JointRecordsAsync(HttpClient client)
    {
        JsonElement token = await client.GetJsonAsync("/api/v1/session/antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/joint/attachments");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Joint.JointDesk.Png()), "file", "photo.png" } };
        request.Content = form;
        request.Headers.Add(Server.Accounts.AccessProblems.AntiforgeryHeader, token.GetProperty("token").GetString());
        HttpResponseMessage uploaded = await client.SendAsync(request, TestContext.Current.CancellationToken);
        string attachment = (await uploaded.BodyAsync()).GetProperty("id").GetString()!;
        client.DefaultRequestHeaders.Add(Server.Accounts.AccessProblems.AntiforgeryHeader, token.GetProperty("token").GetString());
        long meeting = await Joint.JointDesk.CreateMeetingAsync(client, attachments: [attachment]);
        long decision = await Joint.JointDesk.DecisionAsync(client, meeting, owner: "hunan");
        client.DefaultRequestHeaders.Remove(Server.Accounts.AccessProblems.AntiforgeryHeader);
        return new(meeting.ToString(CultureInfo.InvariantCulture), decision.ToString(CultureInfo.InvariantCulture), attachment);
    }

    private static async Task<List<string>> UrlsAsync(HttpClient client, JointRecords joint)
    {
        JsonElement document = await client.GetJsonAsync("/api/v1/openapi.json");
        DateTimeOffset now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        string today = now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string[] years = ["2020", "2021"]; // within the test agreement's term (2019-07 to 2022-06)
        var urls = new List<string> { "/", "/api/v1/openapi.json" };
        string[] alertIds = [.. (await client.GetJsonAsync("/api/v1/alerts?limit=500")).GetProperty("alerts").EnumerateArray()
            .Select(a => a.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture))];
        string[] incidentIds = [.. (await client.GetJsonAsync("/api/v1/incidents?limit=200")).GetProperty("incidents").EnumerateArray()
            .Select(i => i.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture))];
        string[] noticeIds = [.. (await client.GetJsonAsync("/api/v1/notices?limit=200")).GetProperty("notices").EnumerateArray()
            .Select(a => a.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture))];
        string[] discrepancyIds = [.. (await client.GetJsonAsync("/api/v1/joint/discrepancies?limit=200")).GetProperty("discrepancies").EnumerateArray()
            .Select(d => d.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture))];
        string[] samplingIds = [.. (await client.GetJsonAsync("/api/v1/joint/sampling?limit=200")).GetProperty("events").EnumerateArray()
            .Select(e => e.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture))];
        string[] chiefIds = await JointIdsAsync(client, "river-chiefs", "chiefs");
        string[] patrolIds = await JointIdsAsync(client, "patrols", "patrols");
        string[] findingIds = await JointIdsAsync(client, "findings", "findings");
        string[] caseIds = await JointIdsAsync(client, "cases", "cases");
        string[] userNames = await FieldsAsync(client, "/api/v1/users", "name");
        string[] tokenIds = await FieldsAsync(client, "/api/v1/tokens", "id");
        string[] auditSequences = await FieldsAsync(client, "/api/v1/audit?limit=5", "sequence");
        string[] pendingLoggers = await FieldsAsync(client, "/api/v1/stations/pending", "loggerId");
        var reviewDecisionIds = new List<string>();
        foreach (string mn in TestHost.Preset.Stations.Select(s => s.DeviceId))
        {
            reviewDecisionIds.AddRange((await client.GetJsonAsync($"/api/v1/review/decisions?station={mn}")).GetProperty("decisions").EnumerateArray()
                .Select(d => d.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)));
        }

        var stationFileIds = new List<string>();
        foreach (string mn in TestHost.Preset.Stations.Select(s => s.DeviceId))
        {
            stationFileIds.AddRange(await FieldsAsync(client, $"/api/v1/stations/{mn}/files", "id"));
        }

        foreach (JsonProperty path in document.GetProperty("paths").EnumerateObject().Where(p => p.Value.TryGetProperty("get", out _)))
        {
            string template = path.Name.TrimEnd('/');
            if (template == "/api/v1/events")
            {
                continue;
            }

            IEnumerable<string> expanded = [template];
            expanded = Expand(expanded, "{id}", !template.Contains("{id}", StringComparison.Ordinal) ? [] : template switch
            {
                _ when template.StartsWith("/api/v1/basins", StringComparison.Ordinal) => [TestHost.Preset.Id],
                _ when template.StartsWith("/api/v1/sections", StringComparison.Ordinal) => TestHost.Preset.Sections.Select(s => s.Id),
                _ when template.StartsWith("/api/v1/agreements", StringComparison.Ordinal) => ["lushui-2019"],
                _ when template.StartsWith("/api/v1/alerts", StringComparison.Ordinal) => alertIds,
                _ when template.StartsWith("/api/v1/incidents", StringComparison.Ordinal) => incidentIds,
                _ when template.StartsWith("/api/v1/notices", StringComparison.Ordinal) => noticeIds,
                _ when template.StartsWith("/api/v1/joint/meetings", StringComparison.Ordinal) => [joint.Meeting],
                _ when template.StartsWith("/api/v1/joint/decisions", StringComparison.Ordinal) => [joint.Decision],
                _ when template.StartsWith("/api/v1/joint/attachments", StringComparison.Ordinal) => [joint.Attachment],
                _ when template.StartsWith("/api/v1/joint/discrepancies", StringComparison.Ordinal) => discrepancyIds,
                _ when template.StartsWith("/api/v1/joint/sampling", StringComparison.Ordinal) => samplingIds,
                _ when template.StartsWith("/api/v1/joint/river-chiefs", StringComparison.Ordinal) => chiefIds,
                _ when template.StartsWith("/api/v1/joint/patrols", StringComparison.Ordinal) => patrolIds,
                _ when template.StartsWith("/api/v1/joint/findings", StringComparison.Ordinal) => findingIds,
                _ when template.StartsWith("/api/v1/joint/cases", StringComparison.Ordinal) => caseIds,
                _ when template.StartsWith("/api/v1/tokens", StringComparison.Ordinal) => tokenIds,
                _ when template.StartsWith("/api/v1/review/decisions", StringComparison.Ordinal) => reviewDecisionIds,
                // The stations here send no files: their lists are walked, the one-file endpoints have nothing to show
                _ when template.StartsWith("/api/v1/stations/{mn}/files", StringComparison.Ordinal) => stationFileIds,
                _ => throw new InvalidOperationException($"no ids known for {template}"),
            });
            expanded = Expand(expanded, "{mn}", TestHost.Preset.Stations.Select(s => s.DeviceId));
            expanded = Expand(expanded, "{name}", userNames);
            expanded = Expand(expanded, "{sequence}", auditSequences);
            expanded = Expand(expanded, "{loggerId}", pendingLoggers);
            expanded = Expand(expanded, "{year}", years);
            expanded = Expand(expanded, "{month}", ["2020-03"]);
            expanded = await ExpandFromListAsync(client, expanded, "{packet}", list => FieldsAsync(client, list + "?limit=1000", "id"));
            expanded = await ExpandFromListAsync(client, expanded, "{command}", list => FieldsAsync(client, list, "id"));
            expanded = await ExpandFromListAsync(client, expanded, "{number}", async list => [.. Enumerable.Range(1,
                (await client.GetJsonAsync(list)).GetProperty("registered").GetArrayLength()).Select(n => n.ToString(CultureInfo.InvariantCulture))]);
            expanded = await ExpandFromListAsync(client, expanded, "{incident}", async list =>
                [.. (await client.GetJsonAsync(list[..list.LastIndexOf('/')])).GetProperty("proposed").EnumerateArray().Select(p => p.GetProperty("incident").ToString())]);
            foreach (string url in expanded)
            {
                Assert.DoesNotContain("{", url, StringComparison.Ordinal);
                urls.AddRange(Queries(url, today, now).Select(q => url + q));
            }
        }

        return urls;
    }

    private static async Task<string[]> JointIdsAsync(HttpClient client, string resource, string list) =>
        [.. (await client.GetJsonAsync($"/api/v1/joint/{resource}?limit=200")).GetProperty(list).EnumerateArray()
            .Select(r => r.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture))];

    // The given field of each item of the list the resource answers (its one array), as text.
    private static async Task<string[]> FieldsAsync(HttpClient client, string url, string field)
    {
        JsonElement answer = await client.GetJsonAsync(url);
        JsonElement items = answer.ValueKind == JsonValueKind.Array ? answer : answer.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value;
        return [.. items.EnumerateArray().Select(i => i.GetProperty(field).ToString())];
    }

    // Each URL with the ids its own list answers (the URL up to the placeholder), e.g. each station's own packet ids.
    private static async Task<IEnumerable<string>> ExpandFromListAsync(HttpClient client, IEnumerable<string> urls, string parameter, Func<string, Task<string[]>> idsOf)
    {
        var expanded = new List<string>();
        foreach (string url in urls)
        {
            int at = url.IndexOf("/" + parameter, StringComparison.Ordinal);
            expanded.AddRange(at < 0 ? [url] : (await idsOf(url[..at])).Select(id => url.Replace(parameter, Uri.EscapeDataString(id), StringComparison.Ordinal)));
        }

        return expanded;
    }

    private static IEnumerable<string> Expand(IEnumerable<string> urls, string parameter, IEnumerable<string> values) =>
        urls.SelectMany(u => u.Contains(parameter, StringComparison.Ordinal) ? values.Select(v => u.Replace(parameter, Uri.EscapeDataString(v), StringComparison.Ordinal)) : [u]);

    private static string[] Queries(string url, string today, DateTimeOffset now) => url switch
    {
        "/api/v1/exports/readings" => [.. new[] { "raw", "hour", "day" }.Select(i =>
            $"?interval={i}&from={Uri.EscapeDataString(now.AddDays(-1).ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(now.AddHours(1).ToString("O", CultureInfo.InvariantCulture))}")],
        "/api/v1/exports/months" => ["?from=" + now.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture) + "&to=" + now.ToString("yyyy-MM", CultureInfo.InvariantCulture)],
        _ when url.EndsWith("/series", StringComparison.Ordinal) => ["?parameter=w21003", "?parameter=w01009&interval=raw&from=" + today],
        _ when url.EndsWith("/months", StringComparison.Ordinal) => ["", "?year=2025"],
        _ when url.EndsWith("/assessment", StringComparison.Ordinal) => ["?month=" + now.ToString("yyyy-MM", CultureInfo.InvariantCulture)],
        _ when url.EndsWith("/packets", StringComparison.Ordinal) => ["?limit=1000"],
        _ when url.EndsWith("/readings", StringComparison.Ordinal) => ["", "?kind=hour&from=" + now.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
        _ when url.Contains("/statements/", StringComparison.Ordinal) => ["", "?format=md", "?format=html&lang=en", "?format=csv"],
        _ when url.EndsWith("/review/queue", StringComparison.Ordinal) => ["?month=" + now.ToString("yyyy-MM", CultureInfo.InvariantCulture)],
        _ when url.EndsWith("/review/revisions", StringComparison.Ordinal) => ["?station=" + TestHost.Preset.Stations[0].DeviceId + "&parameter=w21003&from="
            + Uri.EscapeDataString(now.AddDays(-1).ToString("O", CultureInfo.InvariantCulture)) + "&to=" + Uri.EscapeDataString(now.AddHours(1).ToString("O", CultureInfo.InvariantCulture))],
        _ when url.EndsWith("/review/decisions", StringComparison.Ordinal) => ["?station=" + TestHost.Preset.Stations[0].DeviceId],
        _ when url.EndsWith("/joint/report", StringComparison.Ordinal) => ["?year=" + now.Year.ToString(CultureInfo.InvariantCulture), "?year=2025&format=xlsx&lang=en"],
        _ when url.EndsWith("/joint/receipts", StringComparison.Ordinal) => ["?kind=meeting&id=1"],
        _ when url.EndsWith("/joint/side-by-side", StringComparison.Ordinal) => ["?section=jinyushi&parameter=w21003"],
        _ => [""],
    };

    private static async Task<string> ReadEventsAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        try
        {
            while (await reader.ReadLineAsync(cancellationToken) is string line)
            {
                text.AppendLine(line);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return text.ToString();
    }

    private static async Task WaitForPacketsAsync(HttpClient client, string path, int count)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        JsonElement packets;
        while ((packets = await client.GetJsonAsync(path)).GetArrayLength() < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{path} never held {count} packets: {packets}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
