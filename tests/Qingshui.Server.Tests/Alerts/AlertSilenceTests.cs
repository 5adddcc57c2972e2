using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Qingshui.Domain.Alerts;
using Qingshui.Hj212;
using Qingshui.Server.Alerts;
using Qingshui.Server.Live;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Api;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Alerts;

public sealed class AlertSilenceTests
{
    private const string Jinyushi = "360300A00000000000000201";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SilentStation_RaisesOnTheTimerOnce_AndClearsWhenItSendsAgain()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        AlertRule[] rules = [new("silent-30min", AlertKind.Silence, AlertSeverity.Warning) { Station = Jinyushi, Duration = TimeSpan.FromMinutes(30) }];
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { AlertRules = rules, AlertSilenceCheck = TimeSpan.FromMilliseconds(100) }, clock: clock);
        using HttpClient client = ApiClient.For(host);

        // Nothing heard for 31 minutes of server time: several ticks pass, one alert
        clock.Advance(TimeSpan.FromMinutes(31));
        JsonElement[] open = await WaitForAsync(client, "?state=open", 1);
        await Task.Delay(500, Ct);
        JsonElement[] stillOne = await WaitForAsync(client, "", 2, wait: false);

        // The station speaks again
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        DateTimeOffset time = clock.GetUtcNow().ToOffset(Hj212Time.ChinaStandardOffset);
        await station.SendAsync(FrameEncoder.Encode(string.Create(CultureInfo.InvariantCulture,
            $"QN={time:yyyyMMddHHmmssfff};ST=21;CN=2011;PW=jx0201;MN={Jinyushi};Flag=5;CP=&&DataTime={time:yyyyMMddHHmmss};w21003-Rtd=0.4,w21003-Flag=N&&")));
        Assert.Equal("9014", (await station.ReceiveAsync()).Command);
        JsonElement[] cleared = await WaitForAsync(client, "?state=cleared", 1);

        JsonElement alert = Assert.Single(open);
        Assert.Equal(("silent-30min", Jinyushi, JsonValueKind.Null), (alert.GetProperty("rule").GetString(), alert.GetProperty("station").GetString(), alert.GetProperty("parameter").ValueKind));
        Assert.Single(stillOne);
        Assert.Equal(alert.GetProperty("id").GetInt64(), Assert.Single(cleared).GetProperty("id").GetInt64());
    }

    [Fact]
    public void Post_WhenTheQueueIsFull_ReturnsAtOnceAndLogsWhatWasNotEvaluated()
    {
        var logs = new ListLogger();
        using var factory = new LoggerFactory([logs]);
        var options = new ServerOptions { Basin = TestHost.Preset, DatabasePath = "unused.db", AlertQueueCapacity = 1 };
        var monitor = new AlertMonitor(options, new UnusedStore(), new LiveFeed(), [], new Storage.Cluster.SingleNodeJobLock(), TimeProvider.System, factory.CreateLogger<AlertMonitor>());
        IngestRecord[] batch = [new(new RawPacket(DateTimeOffset.UtcNow, "test", Jinyushi, "2011", PacketVerdict.Accepted, null, []),
            [new Domain.Readings.Reading(Jinyushi, "w21003", Domain.Readings.ReadingKind.RealTime, DateTimeOffset.UtcNow, 0.4m, Domain.Parameters.Unit.MilligramPerLitre, "N", true)])];

        // Not started, so nothing drains the queue: the second batch finds it full
        monitor.Post(batch);
        monitor.Post(batch);

        (_, int eventId, string message) = Assert.Single(logs.Entries);
        Assert.Equal(6103, eventId);
        Assert.Contains("1 committed readings were not evaluated", message, StringComparison.Ordinal);
    }

    private static async Task<JsonElement[]> WaitForAsync(HttpClient client, string query, int count, bool wait = true)
    {
        DateTimeOffset deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(wait ? 5 : 0);
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

    private sealed class UnusedStore : IAlertStore
    {
        public Task<Alert> RaiseAsync(Alert alert, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Alert?> ClearAsync(AlertKey key, DateTimeOffset at, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<Alert>> OpenAlertsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<Alert>> ListAsync(AlertQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Alert?> FindAsync(long id, CancellationToken cancellationToken) => throw new NotSupportedException();

        public IAsyncEnumerable<(string Station, ReadingValue Value)> ReplayValuesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
