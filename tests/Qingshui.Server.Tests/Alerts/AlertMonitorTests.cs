using System.Globalization;
using System.Text.Json;
using Qingshui.Domain.Alerts;
using Qingshui.Hj212;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Api;

namespace Qingshui.Server.Tests.Alerts;

/// <summary>A real station over TCP sends a pollution pulse; the alert is raised once, stored, served and pushed, and survives a restart.</summary>
public sealed class AlertMonitorTests
{
    private const string Jinyushi = "360300A00000000000000201";
    private static readonly DateTimeOffset Start = new(2024, 6, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // NH3-N over the Class III limit (1.0 mg/L) at Jinyushi; clears three hours after the last bad value.
    private static readonly AlertRule[] Rules =
    [
        new("nh3n-over-target", AlertKind.TargetExceeded, AlertSeverity.Critical) { Parameters = ["w21003"], ClearAfter = TimeSpan.FromHours(3) },
    ];

    private static ServerOptions WithRules(ServerOptions options) => options with { AlertRules = Rules };

    private static async Task SendHoursAsync(RawStation station, int from, params decimal[] ammonia)
    {
        for (int i = 0; i < ammonia.Length; i++)
        {
            DateTimeOffset time = Start.AddHours(from + i);
            await station.SendAsync(FrameEncoder.Encode(string.Create(CultureInfo.InvariantCulture,
                $"QN={time:yyyyMMddHHmmss}001;ST=21;CN=2061;PW=jx0201;MN={Jinyushi};Flag=5;CP=&&DataTime={time:yyyyMMddHHmmss};w21003-Avg={ammonia[i]},w21003-Flag=N&&")));
            Assert.Equal("9014", (await station.ReceiveAsync()).Command);
        }
    }

    private static async Task<JsonElement[]> AlertsWithinAsync(HttpClient client, string query, int count, TimeSpan within)
    {
        DateTimeOffset deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            JsonElement[] alerts = [.. (await client.GetJsonAsync("/api/v1/alerts" + query)).GetProperty("alerts").EnumerateArray()];
            if (alerts.Length >= count || DateTimeOffset.UtcNow > deadline)
            {
                return alerts;
            }

            await Task.Delay(50, Ct);
        }
    }

    [Fact]
    public async Task Pulse_FromARealStation_RaisesOneAlertWithinSeconds_ThenClearsAfterTheHold()
    {
        await using TestHost host = await TestHost.StartAsync(configure: WithRules);
        using HttpClient client = ApiClient.For(host);
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        // Two clean hours, a three-hour pulse, then clean water again
        await SendHoursAsync(station, 0, 0.42m, 0.45m, 1.8m, 2.4m, 1.6m);
        JsonElement[] raised = await AlertsWithinAsync(client, "?state=open", 1, TimeSpan.FromSeconds(5));
        await SendHoursAsync(station, 5, 0.5m, 0.4m);
        await Task.Delay(300, Ct);
        JsonElement[] stillOne = await AlertsWithinAsync(client, "", 2, TimeSpan.Zero);
        await SendHoursAsync(station, 7, 0.41m, 0.43m);
        JsonElement[] cleared = await AlertsWithinAsync(client, "?state=cleared", 1, TimeSpan.FromSeconds(5));

        JsonElement alert = Assert.Single(raised);
        Assert.Equal(("nh3n-over-target", "critical", "jinyushi", Jinyushi, "w21003"), (alert.GetProperty("rule").GetString(),
            alert.GetProperty("severity").GetString(), alert.GetProperty("section").GetString(), alert.GetProperty("station").GetString(), alert.GetProperty("parameter").GetString()));
        Assert.Equal(Start.AddHours(2), alert.GetProperty("raisedAt").GetDateTimeOffset());
        Assert.Equal([0.42m, 0.45m, 1.8m], alert.GetProperty("evidence").EnumerateArray().Select(v => v.GetProperty("value").GetDecimal()));
        Assert.Equal("provisional", alert.GetProperty("data").GetString());
        Assert.Single(stillOne);
        JsonElement done = Assert.Single(cleared);
        Assert.Equal(alert.GetProperty("id").GetInt64(), done.GetProperty("id").GetInt64());
        Assert.Equal(Start.AddHours(7), done.GetProperty("clearedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Alert_IsPushedOnTheEventStream_AndServedById()
    {
        await using TestHost host = await TestHost.StartAsync(configure: WithRules);
        using HttpClient client = ApiClient.For(host);
        using HttpResponseMessage response = await client.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        Assert.Equal(": connected", await reader.ReadLineAsync(Ct));
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await SendHoursAsync(station, 0, 1.9m);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        string? line;
        do
        {
            line = await reader.ReadLineAsync(timeout.Token);
        }
        while (line is not null && line != "event: alert");

        JsonElement pushed = JsonDocument.Parse((await reader.ReadLineAsync(timeout.Token))!["data: ".Length..]).RootElement;
        JsonElement served = await client.GetJsonAsync($"/api/v1/alerts/{pushed.GetProperty("id").GetInt64()}");

        Assert.Equal(("open", "nh3n-over-target"), (pushed.GetProperty("state").GetString(), pushed.GetProperty("rule").GetString()));
        Assert.Equal(pushed.GetProperty("reason").GetString(), served.GetProperty("reason").GetString());
        Assert.Equal(1.9m, served.GetProperty("evidence")[0].GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task OpenAlert_SurvivesARestartOnTheSameStore_IsNotRaisedAgain_AndClearsLater()
    {
        string directory = Directory.CreateTempSubdirectory("qingshui-alerts-").FullName;
        try
        {
            string database = Path.Combine(directory, "qingshui.db");
            ServerOptions SameStore(ServerOptions o) => WithRules(o) with { DatabasePath = database };
            long id;
            await using (TestHost first = await TestHost.StartAsync(configure: SameStore))
            {
                using HttpClient client = ApiClient.For(first);
                await using RawStation station = await RawStation.ConnectAsync(first.Port);
                await SendHoursAsync(station, 0, 0.4m, 1.7m);
                id = Assert.Single(await AlertsWithinAsync(client, "?state=open", 1, TimeSpan.FromSeconds(5))).GetProperty("id").GetInt64();
            }

            await using TestHost second = await TestHost.StartAsync(configure: SameStore);
            using HttpClient again = ApiClient.For(second);
            JsonElement[] afterRestart = await AlertsWithinAsync(again, "?state=open", 1, TimeSpan.Zero);
            await using RawStation reconnected = await RawStation.ConnectAsync(second.Port);
            await SendHoursAsync(reconnected, 2, 1.8m, 0.4m, 0.4m, 0.4m);
            JsonElement[] cleared = await AlertsWithinAsync(again, "?state=cleared", 1, TimeSpan.FromSeconds(5));
            JsonElement[] all = await AlertsWithinAsync(again, "", 2, TimeSpan.Zero);

            Assert.Equal(id, Assert.Single(afterRestart).GetProperty("id").GetInt64());
            Assert.Equal(id, Assert.Single(cleared).GetProperty("id").GetInt64());
            Assert.Equal(Start.AddHours(5), cleared[0].GetProperty("clearedAt").GetDateTimeOffset());
            Assert.Single(all);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Restart_InTheMiddleOfAnEpisode_RecallsTheStoredHours_SoTheRuleNeedsNoFreshHistory()
    {
        // Given a class worse than target for 4 hours running, and a restart after 3 bad hours
        AlertRule[] rules = [new("nh3n-4h", AlertKind.TargetExceededFor, AlertSeverity.Critical) { Parameters = ["w21003"], Duration = TimeSpan.FromHours(4) }];
        string directory = Directory.CreateTempSubdirectory("qingshui-alerts-").FullName;
        var clock = new ManualClock(Start.AddHours(3));
        try
        {
            string database = Path.Combine(directory, "qingshui.db");
            ServerOptions SameStore(ServerOptions o) => o with { AlertRules = rules, DatabasePath = database };
            await using (TestHost first = await TestHost.StartAsync(configure: SameStore, clock: clock))
            {
                await using RawStation station = await RawStation.ConnectAsync(first.Port);
                await SendHoursAsync(station, 0, 1.6m, 1.7m, 1.8m);
            }

            // When the fourth bad hour comes after the restart
            clock.Advance(TimeSpan.FromHours(2));
            await using TestHost second = await TestHost.StartAsync(configure: SameStore, clock: clock);
            using HttpClient client = ApiClient.For(second);
            await using RawStation reconnected = await RawStation.ConnectAsync(second.Port);
            await SendHoursAsync(reconnected, 3, 1.9m);

            // Then the alert is raised with it, as if the server had never stopped
            JsonElement alert = Assert.Single(await AlertsWithinAsync(client, "?state=open", 1, TimeSpan.FromSeconds(5)));
            Assert.Equal(Start.AddHours(3), alert.GetProperty("raisedAt").GetDateTimeOffset());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Restart_RecallingAnAlertAlreadyRaisedAndCleared_DoesNotRaiseItAgain()
    {
        string directory = Directory.CreateTempSubdirectory("qingshui-alerts-").FullName;
        var clock = new ManualClock(Start.AddHours(8));
        try
        {
            string database = Path.Combine(directory, "qingshui.db");
            ServerOptions SameStore(ServerOptions o) => WithRules(o) with { DatabasePath = database };
            await using (TestHost first = await TestHost.StartAsync(configure: SameStore, clock: clock))
            {
                using HttpClient client = ApiClient.For(first);
                await using RawStation station = await RawStation.ConnectAsync(first.Port);
                await SendHoursAsync(station, 0, 0.4m, 1.7m, 0.4m, 0.4m, 0.4m);
                Assert.Single(await AlertsWithinAsync(client, "?state=cleared", 1, TimeSpan.FromSeconds(5)));
            }

            await using TestHost second = await TestHost.StartAsync(configure: SameStore, clock: clock);
            using HttpClient again = ApiClient.For(second);
            await using RawStation reconnected = await RawStation.ConnectAsync(second.Port);
            await SendHoursAsync(reconnected, 5, 0.4m);

            Assert.Single(await AlertsWithinAsync(again, "", 2, TimeSpan.FromMilliseconds(500)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
