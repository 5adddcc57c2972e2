using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Hj212;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Ingest;

public sealed class RejectQuotaTests
{
    private const string JinyushiMn = "360300A00000000000000201";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] BadCrc(int n)
    {
        byte[] frame = Hj212ListenerTests.Hourly(qn: string.Create(CultureInfo.InvariantCulture, $"202406010900{n:D5}"));
        frame[^3] = frame[^3] == (byte)'0' ? (byte)'1' : (byte)'0';
        return frame;
    }

    private static async Task<List<RawPacket>> RejectsAsync(TestHost host) =>
        [.. (await host.Store.RawPacketsAsync(null, 1000, Ct)).Select(p => p.Packet).Where(p => p.Verdict == PacketVerdict.Rejected)];

    /// <summary>Polls the store until the drop counts for <paramref name="scope"/> reach <paramref name="packets"/> (they are flushed every 100 ms here).</summary>
    private static async Task<DropCount?> DropsAsync(TestHost host, string scope, long packets)
    {
        IRejectStore store = host.Server.Services.GetRequiredService<IRejectStore>();
        DropCount? found = null;
        for (int i = 0; i < 100 && found?.Packets != packets; i++)
        {
            await Task.Delay(50, Ct);
            found = (await store.DropCountsAsync(Ct)).SingleOrDefault(d => d.Scope == scope);
        }

        return found;
    }

    private static async Task SendAndSyncAsync(RawStation station, IEnumerable<byte[]> garbage, string qn)
    {
        foreach (byte[] bytes in garbage)
        {
            await station.SendAsync(bytes);
        }

        // A good packet after the garbage: its 9014 says everything before it was handled, and that it is still answered.
        await station.SendAsync(Hj212ListenerTests.Hourly(qn: qn));
        Assert.Equal(qn, (await station.ReceiveAsync()).RequestId);
    }

    [Fact]
    public async Task Rejects_BeyondThePerConnectionQuota_AreCountedNotKept_AndGoodPacketsStillStored()
    {
        await using TestHost host = await TestHost.StartAsync(configure: o => o with
        {
            MaxRejectedBytesPerConnectionPerDay = 2_000, RejectHousekeepingInterval = TimeSpan.FromMilliseconds(100),
        });
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await SendAndSyncAsync(station, Enumerable.Range(0, 20).Select(BadCrc), "20240601090000001");

        List<RawPacket> kept = await RejectsAsync(host);
        Assert.InRange(kept.Sum(RejectedSize.Of), 1, 2_000);
        DropCount? dropped = await DropsAsync(host, "connection", 20 - kept.Count);
        Assert.Equal(20 - kept.Count, dropped?.Packets);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), dropped?.Day);
        Assert.Equal(5, (await host.Store.CountAsync(Ct)).Readings);
    }

    [Fact]
    public async Task Rejects_BeyondThePerAddressQuota_AreDropped_WhileAnotherAddressKeepsItsOwn()
    {
        await using TestHost host = await TestHost.StartAsync(configure: o => o with
        {
            MaxRejectedBytesPerAddressPerDay = 2_000, RejectHousekeepingInterval = TimeSpan.FromMilliseconds(100),
        });
        await using RawStation first = await RawStation.ConnectAsync(host.Port, "127.0.0.1");
        await using RawStation second = await RawStation.ConnectAsync(host.Port, "127.0.0.1");
        await using RawStation other = await RawStation.ConnectAsync(host.Port, "127.0.0.2");

        await SendAndSyncAsync(first, Enumerable.Range(0, 10).Select(BadCrc), "20240601090000001");
        await SendAndSyncAsync(second, Enumerable.Range(10, 10).Select(BadCrc), "20240601090000002");
        await SendAndSyncAsync(other, Enumerable.Range(20, 2).Select(BadCrc), "20240601090000003");

        List<RawPacket> kept = await RejectsAsync(host);
        List<RawPacket> fromFirstAddress = [.. kept.Where(p => p.Remote.StartsWith("127.0.0.1:", StringComparison.Ordinal))];
        Assert.InRange(fromFirstAddress.Sum(RejectedSize.Of), 1, 2_000);
        Assert.Equal(2, kept.Count(p => p.Remote.StartsWith("127.0.0.2:", StringComparison.Ordinal)));
        Assert.Equal(20 - fromFirstAddress.Count, (await DropsAsync(host, "address", 20 - fromFirstAddress.Count))?.Packets);
    }

    [Fact]
    public async Task Rejects_BeyondTheTotalQuota_AreDroppedFromEveryAddress()
    {
        await using TestHost host = await TestHost.StartAsync(configure: o => o with
        {
            MaxRejectedBytesKept = 2_000, RejectHousekeepingInterval = TimeSpan.FromMilliseconds(100),
        });
        await using RawStation first = await RawStation.ConnectAsync(host.Port, "127.0.0.1");
        await using RawStation other = await RawStation.ConnectAsync(host.Port, "127.0.0.2");

        await SendAndSyncAsync(first, Enumerable.Range(0, 10).Select(BadCrc), "20240601090000001");
        await SendAndSyncAsync(other, Enumerable.Range(10, 10).Select(BadCrc), "20240601090000002");

        List<RawPacket> kept = await RejectsAsync(host);
        Assert.InRange(kept.Sum(RejectedSize.Of), 1, 2_000);
        Assert.DoesNotContain(kept, p => p.Remote.StartsWith("127.0.0.2:", StringComparison.Ordinal));
        Assert.Equal(20 - kept.Count, (await DropsAsync(host, "total", 20 - kept.Count))?.Packets);
    }

    [Fact]
    public async Task RepeatedRejects_AreLoggedOnceInTheInterval_NotOncePerPacket()
    {
        await using TestHost host = await TestHost.StartAsync();
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await SendAndSyncAsync(station, Enumerable.Range(0, 20).Select(BadCrc), "20240601090000001");

        Assert.Equal(20, (await RejectsAsync(host)).Count);
        Assert.Single(host.Logs.Entries, e => e.EventId == 2001);
    }

    [Fact]
    public async Task InventedMns_AreQuarantinedUnderNoStation_NotOneStationRowEach()
    {
        await using TestHost host = await TestHost.StartAsync();
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        for (int i = 0; i < 30; i++)
        {
            await station.SendAsync(Hj212ListenerTests.Hourly(mn: string.Create(CultureInfo.InvariantCulture, $"FFFFFFFFFFFFFFFFFFFF{i:D4}")));
            Assert.Equal("9011", (await station.ReceiveAsync()).Command);
        }

        StationActivity unclaimed = Assert.Single(await host.Store.StationActivityAsync(Ct));
        Assert.Equal(("", 30L), (unclaimed.StationId, unclaimed.Quarantined));
    }

    [Fact]
    public async Task Retention_DeletesOldRejects_KeepsAcceptedPackets_AndFreesTheQuota()
    {
        await using TestHost host = await TestHost.StartAsync(configure: o => o with
        {
            RejectedRetention = TimeSpan.FromSeconds(1), RejectRetentionInterval = TimeSpan.FromMilliseconds(200),
            RejectHousekeepingInterval = TimeSpan.FromMilliseconds(100),
        });
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        await SendAndSyncAsync(station, Enumerable.Range(0, 3).Select(BadCrc), "20240601090000001");
        Assert.Equal(3, (await RejectsAsync(host)).Count);

        List<RawPacket> left = [];
        for (int i = 0; i < 100; i++)
        {
            await Task.Delay(100, Ct);
            left = await RejectsAsync(host);
            if (left.Count == 0)
            {
                break;
            }
        }

        Assert.Empty(left);
        StoredRawPacket accepted = Assert.Single(await host.Store.RawPacketsAsync(JinyushiMn, 10, Ct));
        Assert.Equal(PacketVerdict.Accepted, accepted.Packet.Verdict);
        Assert.Equal(5, (await host.Store.CountAsync(Ct)).Readings);
        Assert.Equal(0, host.Server.Services.GetRequiredService<Server.Ingest.RejectQuota>().Kept);
    }
}
