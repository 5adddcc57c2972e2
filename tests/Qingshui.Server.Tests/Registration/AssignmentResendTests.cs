using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Qingshui.Domain.Network;
using Qingshui.Hj212;
using Qingshui.Server.Ingest;
using Qingshui.Server.Tests.Api;
using Qingshui.Server.Tests.Cluster;
using Qingshui.Storage;
using Qingshui.Storage.Cluster;
using Qingshui.Storage.Registration;

namespace Qingshui.Server.Tests.Registration;

/// <summary>
/// An MN assigned on another node while this node missed the feed's news of it: the logger connected here still hears its
/// 1002, when the feed resumes after its gap or when the logger announces itself again.
/// </summary>
public sealed class AssignmentResendTests
{
    private const string LoggerId = PendingStationsApiTests.LoggerId;
    private const string NewMn = PendingStationsApiTests.NewMn;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<TestHost> StartAsync(TestFeed feed) =>
        TestHost.StartAsync(services: s => s.Replace(ServiceDescriptor.Singleton<ICommitFeed>(feed)));

    // What the assigning node writes to the shared store before it publishes the news this node misses.
    private static async Task AssignElsewhereAsync(TestHost host)
    {
        Basin basin = host.Server.Services.GetRequiredService<StationRegister>().Basin;
        Station station = StationRules.Add(new StationDraft(NewMn, "hn0888", "新数采仪", "New logger", "liling-wangfang", "hunan", "2025",
            Parameters: ["w01001", "w21011"]), basin).Station ?? throw new InvalidOperationException("the test station does not pass its checks");
        Assert.NotNull(await host.Server.Services.GetRequiredService<IStationStore>().AddStationAsync(station, Ct));
        Assert.True(await host.Server.Services.GetRequiredService<IPendingRegistrationStore>().AssignPendingAsync(LoggerId, NewMn, Ct));
    }

    private static async Task ConfirmAsync(RawStation logger, Hj212Message assignment)
    {
        await logger.SendAsync(MessageWriter.Encode(Replies.RequestResponse(assignment, RequestReturnCode.Ready, Hj212Edition.Edition2025)));
        await logger.SendAsync(MessageWriter.Encode(Replies.ExecutionResult(assignment, ExecutionReturnCode.Success, Hj212Edition.Edition2025)));
    }

    private static async Task<bool> PendingEmptiesAsync(TestHost host)
    {
        var store = host.Server.Services.GetRequiredService<IPendingRegistrationStore>();
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await store.PendingRegistrationsAsync(0, 10, Ct)).Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20, Ct);
        }

        return true;
    }

    [Fact]
    public async Task AssignedElsewhere_NewsMissed_FeedResumesAfterItsGap_TheLoggerHereIsSentItsMn_AndLeavesTheList()
    {
        var feed = new TestFeed();
        await using TestHost host = await StartAsync(feed);
        await using RawStation logger = await PendingStationsApiTests.AnnouncedAsync(host);
        await AssignElsewhereAsync(host);

        feed.Inject(new CommitNews([], Missed: true));
        Hj212Message assignment = await logger.ReceiveAsync(TimeSpan.FromSeconds(10));
        await ConfirmAsync(logger, assignment);

        Assert.Equal(("1002", NewMn, "hn0888"), (assignment.Command, assignment.DeviceId, assignment.Password));
        Assert.Equal(LoggerId, assignment.Data.Pollutants.Single(p => p.Code == "i23005").OtherFields.Single().Value);
        Assert.True(await PendingEmptiesAsync(host), "the logger is still pending after confirming its assignment");
    }

    [Fact]
    public async Task AssignedElsewhere_NewsMissed_LoggerReconnectsAndAnnouncesAgain_IsSentItsMnOnTheNewConnection()
    {
        var feed = new TestFeed();
        await using TestHost host = await StartAsync(feed);
        await (await PendingStationsApiTests.AnnouncedAsync(host)).DisposeAsync();
        await AssignElsewhereAsync(host);

        await using RawStation again = await RawStation.ConnectAsync(host.Port);
        await again.SendAsync(PendingStationsApiTests.Announcement(qn: "20260105090000001"));
        Hj212Message[] heard = [await again.ReceiveAsync(TimeSpan.FromSeconds(10)), await again.ReceiveAsync(TimeSpan.FromSeconds(10))];
        Hj212Message assignment = Assert.Single(heard, m => m.Command == "1002");
        await ConfirmAsync(again, assignment);

        Assert.Contains(heard, m => m.Command == "9013");
        Assert.Equal(NewMn, assignment.DeviceId);
        Assert.True(await PendingEmptiesAsync(host), "the logger is still pending after confirming its assignment");
    }

    [Fact]
    public async Task AssignedElsewhere_StrangerAnnouncesTheLoggersIdWithOtherHardware_IsRefused_HearsNothing_AndTheRecordStays()
    {
        var feed = new TestFeed();
        await using TestHost host = await StartAsync(feed);
        await using RawStation logger = await PendingStationsApiTests.AnnouncedAsync(host);
        await AssignElsewhereAsync(host);

        await using RawStation stranger = await RawStation.ConnectAsync(host.Port);
        await stranger.SendAsync(PendingStationsApiTests.Announcement(qn: "20260105090000001", cpu: "CPU-0BAD"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stranger.ReceiveAsync(TimeSpan.FromSeconds(2)));
        feed.Inject(new CommitNews([], Missed: true));
        Hj212Message assignment = await logger.ReceiveAsync(TimeSpan.FromSeconds(10));

        PendingRegistration? row = await host.Server.Services.GetRequiredService<IPendingRegistrationStore>().PendingRegistrationAsync(LoggerId, Ct);
        Assert.Equal(("CPU-7F3A", NewMn), (row?.CpuId, row?.AssignedMn));
        Assert.Equal(("1002", NewMn), (assignment.Command, assignment.DeviceId));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stranger.ReceiveAsync(TimeSpan.FromSeconds(1)));
        Assert.Contains(await host.Store.RawPacketsAsync(null, 10, Ct), p => p.Packet.Verdict == PacketVerdict.Rejected
            && p.Packet.Reason!.Contains("has an MN assigned to other hardware", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AssignedElsewhere_ConnectionHereAnnouncedOtherHardwareThanRecorded_FeedResumesAfterItsGap_NothingIsSentOverIt()
    {
        // Given a connection here that announced the logger's id, then the logger announced itself with its own hardware on
        // another node (which the store recorded) and was assigned an MN there
        var feed = new TestFeed();
        await using TestHost host = await StartAsync(feed);
        await using RawStation stranger = await RawStation.ConnectAsync(host.Port);
        await stranger.SendAsync(PendingStationsApiTests.Announcement(cpu: "CPU-0BAD"));
        Assert.Equal("9013", (await stranger.ReceiveAsync()).Command);
        DateTimeOffset seen = DateTimeOffset.UtcNow;
        await host.Server.Services.GetRequiredService<IPendingRegistrationStore>().AnnouncePendingAsync(new(0, LoggerId, "CPU-7F3A", "00:1A:2B:3C:4D:5E",
            "00:1A:2B:3C:4D:5F", "", "21", "10.0.0.9:5000", "node-b", seen, seen), 200, Ct);
        await AssignElsewhereAsync(host);

        // When this node resends the assignments it may have missed
        feed.Inject(new CommitNews([], Missed: true));

        // Then the connection here, which announced other hardware, is not sent the MN
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stranger.ReceiveAsync(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task NotAssigned_FeedResumesAfterAGap_NothingIsSentToThePendingLogger()
    {
        var feed = new TestFeed();
        await using TestHost host = await StartAsync(feed);
        await using RawStation logger = await PendingStationsApiTests.AnnouncedAsync(host);

        feed.Inject(new CommitNews([], Missed: true));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => logger.ReceiveAsync(TimeSpan.FromSeconds(1)));
    }
}
