using Qingshui.Hj212;

namespace Qingshui.Server.Tests.Ingest;

public sealed class ConnectionLimitTests
{
    private static ServerOptions Capped(ServerOptions o) =>
        o with { MaxConnections = 3, MaxConnectionsPerAddress = 2, HttpPort = null, RejectHousekeepingInterval = TimeSpan.FromMilliseconds(100) };

    /// <summary>Refusals counted in the store under <paramref name="scope"/> (written every 100 ms here).</summary>
    private static async Task<long> RefusedInStoreAsync(TestHost host, string scope)
    {
        var store = (Storage.IRejectStore)host.Server.Services.GetService(typeof(Storage.IRejectStore))!;
        long refused = 0;
        for (int i = 0; i < 100 && refused == 0; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            refused = (await store.DropCountsAsync(TestContext.Current.CancellationToken)).Where(d => d.Scope == scope).Sum(d => d.Packets);
        }

        return refused;
    }

    [Fact]
    public async Task Connections_BeyondThePerAddressCap_AreClosedAtOnce_WhileAdmittedStationsAreAnswered()
    {
        await using TestHost host = await TestHost.StartAsync(configure: Capped);
        await using RawStation first = await AdmittedAsync(host, "127.0.0.1", "20240601090000001");
        await using RawStation second = await AdmittedAsync(host, "127.0.0.1", "20240601090000002");

        Assert.True(await IsRefusedAsync(host, "127.0.0.1"));
        Assert.Contains(host.Logs.Entries, e => e.EventId == 1006 && e.Message.Contains("per-address cap of 2", StringComparison.Ordinal));
        Assert.Equal(1, await RefusedInStoreAsync(host, "refused-address"));
        await first.SendAsync(Hj212ListenerTests.Hourly(qn: "20240601090000003"));
        Assert.Equal("20240601090000003", (await first.ReceiveAsync()).RequestId);
    }

    [Fact]
    public async Task Connections_BeyondTheTotalCap_AreRefused_AndAPlaceFreesWhenOneCloses()
    {
        await using TestHost host = await TestHost.StartAsync(configure: Capped);
        await using RawStation a = await AdmittedAsync(host, "127.0.0.1", "20240601090000001");
        await using RawStation b = await AdmittedAsync(host, "127.0.0.2", "20240601090000002");
        RawStation c = await AdmittedAsync(host, "127.0.0.3", "20240601090000003");

        Assert.True(await IsRefusedAsync(host, "127.0.0.4"));

        Assert.Contains(host.Logs.Entries, e => e.EventId == 1006 && e.Message.Contains("total cap of 3", StringComparison.Ordinal));
        Assert.Equal(1, await RefusedInStoreAsync(host, "refused-total"));
        await c.DisposeAsync();
        RawStation? later = null;
        for (int attempt = 0; attempt < 50 && later is null; attempt++)
        {
            // The server notices the close asynchronously; until then the place is still taken.
            await Task.Delay(100, TestContext.Current.CancellationToken);
            later = await TryAdmittedAsync(host, "127.0.0.4", "20240601090000004");
        }

        Assert.NotNull(later);
        await later.DisposeAsync();
    }

    [Fact]
    public async Task Connections_RepeatedFromOneAddress_AreLoggedOnceInTheInterval()
    {
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { HttpPort = null });

        for (int i = 0; i < 5; i++)
        {
            await using RawStation station = await AdmittedAsync(host, "127.0.0.1", $"2024060109000000{i}");
        }

        Assert.Single(host.Logs.Entries, e => e.EventId == 1001);
    }

    /// <summary>Whether a connection from the address is closed by the server at once (so fast, at times, that connecting itself sees the reset).</summary>
    private static async Task<bool> IsRefusedAsync(TestHost host, string from)
    {
        try
        {
            await using RawStation refused = await RawStation.ConnectAsync(host.Port, from);
            return await refused.IsClosedByServerAsync(TimeSpan.FromSeconds(5));
        }
        catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode == System.Net.Sockets.SocketError.ConnectionReset)
        {
            return true;
        }
    }

    private static async Task<RawStation> AdmittedAsync(TestHost host, string from, string qn) =>
        await TryAdmittedAsync(host, from, qn) ?? throw new InvalidOperationException($"connection from {from} was refused");

    /// <summary>Connects and sends one upload; the station is admitted if the server acknowledges it.</summary>
    private static async Task<RawStation?> TryAdmittedAsync(TestHost host, string from, string qn)
    {
        RawStation? station = null;
        try
        {
            station = await RawStation.ConnectAsync(host.Port, from);
            await station.SendAsync(Hj212ListenerTests.Hourly(qn: qn));
            Hj212Message ack = await station.ReceiveAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(qn, ack.RequestId);
            return station;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            if (station is not null)
            {
                await station.DisposeAsync();
            }

            return null;
        }
    }
}
