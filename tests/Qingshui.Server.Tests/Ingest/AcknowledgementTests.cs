using Qingshui.Hj212;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Ingest;

public sealed class AcknowledgementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ack_IsSentOnlyAfterTheCommit()
    {
        GatedStore? gated = null;
        await using TestHost host = await TestHost.StartAsync(decorateStore: s => gated = new GatedStore(s));
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        gated!.Close();

        await station.SendAsync(Hj212ListenerTests.Hourly());
        Task<Hj212Message> ack = station.ReceiveAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(500, Ct);

        Assert.False(ack.IsCompleted, "acknowledged before the write was committed");
        Assert.Equal(0, (await host.Store.CountAsync(Ct)).Readings);
        gated.Open();
        Assert.Equal("9014", (await ack).Command);
        Assert.Equal(5, (await host.Store.CountAsync(Ct)).Readings);
    }

    [Fact]
    public async Task FailedCommit_IsNeverAcknowledged_AndTheConnectionIsClosed()
    {
        GatedStore? gated = null;
        await using TestHost host = await TestHost.StartAsync(decorateStore: s => gated = new GatedStore(s));
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        gated!.Fail = true;

        await station.SendAsync(Hj212ListenerTests.Hourly());

        await Assert.ThrowsAsync<IOException>(() => station.ReceiveAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains(host.Logs.Entries, e => e.EventId == 3002);
    }

    [Fact]
    public async Task StalledStore_SlowsStationsDown_AndLosesNothing()
    {
        GatedStore? gated = null;
        await using TestHost host = await TestHost.StartAsync(
            configure: o => new ServerOptions
            {
                Basin = o.Basin, DatabasePath = o.DatabasePath, Hj212Port = 0, HttpPort = null, FullSync = false,
                IngestQueueCapacity = 4, MaxPendingAcksPerConnection = 2,
            },
            decorateStore: s => gated = new GatedStore(s));
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        gated!.Close();

        // Far more than the queue and the per-connection window hold: the server must stop reading, not drop.
        const int packets = 300;
        Task sending = Task.Run(async () =>
        {
            for (int i = 0; i < packets; i++)
            {
                await station.SendAsync(Hj212ListenerTests.Hourly(qn: $"2024060109{i:D7}", tp: $"0.{100 + i}"));
            }
        }, Ct);
        await Task.Delay(1000, Ct);
        Assert.Equal(0, (await host.Store.CountAsync(Ct)).RawPackets);

        gated.Open();
        var acked = new HashSet<string>();
        while (acked.Count < packets)
        {
            acked.Add((await station.ReceiveAsync(TimeSpan.FromSeconds(30))).RequestId!);
        }

        await sending;
        StoreCounts counts = await host.Store.CountAsync(Ct);
        Assert.Equal(packets, counts.RawPackets);
        Assert.Equal(packets - 1, counts.Revisions);
    }
}
