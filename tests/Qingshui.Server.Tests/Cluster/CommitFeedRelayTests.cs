using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Hj212;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Api;
using Qingshui.Storage;
using Qingshui.Storage.Cluster;

namespace Qingshui.Server.Tests.Cluster;

/// <summary>
/// One real server with the other nodes stood in for by a feed and a lock: what another node commits reaches this
/// node's event stream and alert windows, what this node commits is told to the others, and alerts are evaluated only
/// by the node holding the alert job.
/// </summary>
public sealed class CommitFeedRelayTests
{
    private const string Jinyushi = "360300A00000000000000201";
    private static readonly DateTimeOffset Start = new(2024, 6, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static readonly AlertRule[] Rules =
    [
        new("nh3n-over-target", AlertKind.TargetExceeded, AlertSeverity.Critical) { Parameters = ["w21003"], ClearAfter = TimeSpan.FromHours(3) },
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<TestHost> StartAsync(TestFeed feed, TestJobLock? jobs = null) =>
        TestHost.StartAsync(configure: o => o with { AlertRules = Rules }, services: s =>
        {
            s.Replace(ServiceDescriptor.Singleton<ICommitFeed>(feed));
            s.Replace(ServiceDescriptor.Singleton<IJobLock>(jobs ?? new TestJobLock { Holds = true }));
        });

    private static IngestRecord FromAnotherNode(DateTimeOffset at, ReadingKind kind, decimal ammonia) =>
        new(new RawPacket(at, "another node", Jinyushi, "2061", PacketVerdict.Accepted, null, []),
            [new Reading(Jinyushi, "w21003", kind, at, ammonia, Unit.MilligramPerLitre, "N", true)]);

    [Fact]
    public async Task AReadingCommittedOnAnotherNode_ReachesThisNodesEventStream_WithinTwoSeconds()
    {
        var feed = new TestFeed();
        await using TestHost host = await StartAsync(feed);
        using HttpClient client = ApiClient.For(host);
        using HttpResponseMessage response = await client.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        Assert.Equal(": connected", await reader.ReadLineAsync(Ct));

        DateTimeOffset now = DateTimeOffset.UtcNow.ToOffset(Hj212Time.ChinaStandardOffset);
        feed.Inject(new CommitNews([FromAnotherNode(now, ReadingKind.RealTime, 1.234m)], Missed: false));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        string? line;
        do
        {
            line = await reader.ReadLineAsync(timeout.Token);
        }
        while (line is not null && line != "event: readings");

        line = await reader.ReadLineAsync(timeout.Token);
        Assert.NotNull(line);
        Assert.Contains("\"w21003\":1.234", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAlertEventRaisedOnAnotherNode_ReachesThisStream_AndOneRaisedHereIsShared_ButNotReadings()
    {
        var feed = new TestFeed();
        await using TestHost host = await StartAsync(feed);
        using HttpClient client = ApiClient.For(host);
        using HttpResponseMessage response = await client.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        Assert.Equal(": connected", await reader.ReadLineAsync(Ct));

        feed.Inject(CommitNews.Of(new ClusterNote("live", "alert", """{"id":41,"rule":"nh3n-over-target"}""")));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        string? line;
        do
        {
            line = await reader.ReadLineAsync(timeout.Token);
        }
        while (line is not null && line != "event: alert");

        Assert.Equal("""data: {"id":41,"rule":"nh3n-over-target"}""", await reader.ReadLineAsync(timeout.Token));
        Live.LiveFeed live = host.Server.Services.GetRequiredService<Live.LiveFeed>();
        live.Publish(new Live.LiveEvent("alert", new { id = 42 }));
        live.Publish(new Live.LiveEvent("readings", new { station = Jinyushi }));
        DateTime deadline = DateTime.UtcNow.AddSeconds(5);
        while (feed.Announced.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Ct);
        }

        await Task.Delay(200, Ct);
        ClusterNote shared = Assert.Single(feed.Announced);
        Assert.Equal(new ClusterNote("live", "alert", """{"id":42}"""), shared);
    }

    [Fact]
    public async Task ABatchCommittedHere_IsToldToTheOtherNodes()
    {
        var feed = new TestFeed();
        await using TestHost host = await StartAsync(feed);
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await station.SendAsync(FrameEncoder.Encode(
            $"QN={Start:yyyyMMddHHmmss}001;ST=21;CN=2061;PW=jx0201;MN={Jinyushi};Flag=5;CP=&&DataTime={Start:yyyyMMddHHmmss};w21003-Avg=0.42,w21003-Flag=N&&"));
        Assert.Equal("9014", (await station.ReceiveAsync()).Command);

        DateTimeOffset deadline = DateTimeOffset.UtcNow.AddSeconds(2);
        while (feed.Published.IsEmpty && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(20, Ct);
        }

        Reading told = Assert.Single(Assert.Single(feed.Published).Readings);
        Assert.Equal((Jinyushi, "w21003", ReadingKind.Hour, Start, 0.42m), (told.StationId, told.Parameter, told.Kind, told.PeriodStart, told.Value));
    }

    [Fact]
    public async Task AlertJobHeldElsewhere_NoAlertHere_ThenTakenOver_AnotherNodesReadingsRaiseItOnce()
    {
        var feed = new TestFeed();
        var jobs = new TestJobLock { Holds = false };
        await using TestHost host = await StartAsync(feed, jobs);
        using HttpClient client = ApiClient.For(host);

        feed.Inject(new CommitNews([FromAnotherNode(Start, ReadingKind.Hour, 1.9m)], Missed: false));
        await Task.Delay(500, Ct);
        JsonElement[] whileElsewhere = await AlertsAsync(client);

        jobs.Holds = true;
        feed.Inject(new CommitNews([FromAnotherNode(Start.AddHours(1), ReadingKind.Hour, 2.1m)], Missed: false));
        DateTimeOffset deadline = DateTimeOffset.UtcNow.AddSeconds(5);
        JsonElement[] raised;
        while ((raised = await AlertsAsync(client)).Length == 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Empty(whileElsewhere);
        JsonElement alert = Assert.Single(raised);
        Assert.Equal(Start.AddHours(1), alert.GetProperty("raisedAt").GetDateTimeOffset());
        Assert.Equal(2.1m, alert.GetProperty("evidence")[0].GetProperty("value").GetDecimal());
    }

    private static async Task<JsonElement[]> AlertsAsync(HttpClient client) =>
        [.. (await client.GetJsonAsync("/api/v1/alerts")).GetProperty("alerts").EnumerateArray()];
}
