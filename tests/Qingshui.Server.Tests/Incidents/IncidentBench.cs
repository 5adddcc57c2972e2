using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Qingshui.Domain.Access;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;
using Qingshui.Hj212;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Api;

namespace Qingshui.Server.Tests.Incidents;

/// <summary>
/// A server watching NH3-N over the target class, on the Pingshui–Lushui preset with EXAMPLE reach data (30 km at
/// 0.6 m/s from Jinyushi to Liling Wangfang; nothing further: not measured values), with operators and viewers of both
/// provinces, a joint-office operator and a coordinator; and a station sending hourly NH3-N values over TCP.
/// </summary>
internal static class IncidentBench
{
    public const string JiangxiJinyushi = "360300A00000000000000201";
    public const string HunanJinyushi = "430281A00000000000000202";
    public static readonly DateTimeOffset Start = new(2024, 6, 1, 0, 0, 0, TimeSpan.FromHours(8));

    public static Basin Basin { get; } = BasinFile.Parse(BasinPresets.Text("pingshui-lushui")!
        .Replace("\"targetClass\": \"II\",", "\"targetClass\": \"II\", \"reachKmToNext\": 40, \"velocityMps\": 0.5,", StringComparison.Ordinal)
        .Replace("\"upstream\": \"jiangxi\",", "\"upstream\": \"jiangxi\", \"reachKmToNext\": 30, \"velocityMps\": 0.6,", StringComparison.Ordinal)).Basin!;

    public static readonly AlertRule[] Rules =
    [
        new("nh3n-over-target", AlertKind.TargetExceeded, AlertSeverity.Critical) { Parameters = ["w21003"], ClearAfter = TimeSpan.FromHours(3) },
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<TestHost> StartAsync(Func<ServerOptions, ServerOptions>? configure = null, TimeProvider? clock = null)
    {
        TestHost host = await TestHost.StartAsync(Basin, o => (configure ?? (x => x))(o with { AlertRules = Rules }), clock: clock);
        await AddMembersAsync(host);
        return host;
    }

    public static async Task AddMembersAsync(TestHost host)
    {
        await Members.AddAsync(host, "hn-operator", "hunan", Role.Operator);
        await Members.AddAsync(host, "jx-operator", "jiangxi", Role.Operator);
        await Members.AddAsync(host, "hn-viewer", "hunan", Role.Viewer);
        await Members.AddAsync(host, "jx-viewer", "jiangxi", Role.Viewer);
        await Members.AddAsync(host, "office-operator", "joint-office", Role.Operator);
        await Members.AddAsync(host, "office-coordinator", "joint-office", Role.Coordinator);
    }

    /// <summary>Hourly NH3-N values from a Jinyushi station, from hour <paramref name="from"/> after <see cref="Start"/>, each acknowledged.</summary>
    public static async Task SendHoursAsync(RawStation station, int from, string mn, params decimal[] ammonia)
    {
        string password = mn == JiangxiJinyushi ? "jx0201" : "hn0202";
        for (int i = 0; i < ammonia.Length; i++)
        {
            DateTimeOffset time = Start.AddHours(from + i);
            await station.SendAsync(FrameEncoder.Encode(string.Create(CultureInfo.InvariantCulture,
                $"QN={time:yyyyMMddHHmmss}001;ST=21;CN=2061;PW={password};MN={mn};Flag=5;CP=&&DataTime={time:yyyyMMddHHmmss};w21003-Avg={ammonia[i]},w21003-Flag=N&&")));
            Assert.Equal("9014", (await station.ReceiveAsync()).Command);
        }
    }

    /// <summary>Polls the incident list until it has <paramref name="count"/> incidents or the time is up.</summary>
    public static async Task<JsonElement[]> IncidentsWithinAsync(HttpClient client, string query, int count, TimeSpan within)
    {
        DateTimeOffset deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            JsonElement[] incidents = [.. (await client.GetJsonAsync("/api/v1/incidents" + query)).GetProperty("incidents").EnumerateArray()];
            if (incidents.Length >= count || DateTimeOffset.UtcNow > deadline)
            {
                return incidents;
            }

            await Task.Delay(50, Ct);
        }
    }

    /// <summary>Polls one incident until <paramref name="done"/> holds or the time is up.</summary>
    public static async Task<JsonElement> IncidentWhenAsync(HttpClient client, long id, Func<JsonElement, bool> done, TimeSpan within)
    {
        DateTimeOffset deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            JsonElement incident = await client.GetJsonAsync($"/api/v1/incidents/{id}");
            if (done(incident) || DateTimeOffset.UtcNow > deadline)
            {
                return incident;
            }

            await Task.Delay(50, Ct);
        }
    }

    public static Task<HttpResponseMessage> StepAsync(this HttpClient client, long id, string step, string? note = null) =>
        client.PostAsJsonAsync($"/api/v1/incidents/{id}/{step}", new { note }, Ct);

    public static Task<HttpResponseMessage> ActAsync(this HttpClient client, long id, string kind, string note, int? intervalSeconds = null) =>
        client.PostAsJsonAsync($"/api/v1/incidents/{id}/actions", new { kind, note, intervalSeconds }, Ct);

    public static string[] Kinds(JsonElement incident) => [.. incident.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("kind").GetString()!)];
}
