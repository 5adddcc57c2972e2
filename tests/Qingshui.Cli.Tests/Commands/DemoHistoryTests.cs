using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Cli.Commands;
using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;
using Qingshui.Domain.Readings;
using Qingshui.Server;
using Qingshui.Simulation;
using Qingshui.Storage;

namespace Qingshui.Cli.Tests.Commands;

public sealed class DemoHistoryTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Backfill_AfterAKillLeftStationsAtDifferentHours_FillsEveryStationsEveryHour()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string directory = Directory.CreateTempSubdirectory("qingshui-demo-history-").FullName;
        Basin basin = BasinPresets.Load(BasinSource.DefaultPreset);
        await using QingshuiServer server = await QingshuiServer.StartAsync(
            new ServerOptions { Basin = basin, DatabasePath = Path.Combine(directory, "q.db"), BindAddress = IPAddress.Loopback, Hj212Port = 0, HttpPort = null },
            cancellationToken: ct);
        int port = server.Hj212EndPoint.Port;
        IReadOnlyList<SimulatedStation> stations = SyntheticBasin.StationsOf(basin);

        // Given a kill that left station 0 at hour 10, station 1 at hour 4, station 2 with hour 2 missing, stations 3 and 4 with nothing
        await SendAsync(port, stations[0], 0, 10);
        await SendAsync(port, stations[1], 0, 4);
        await SendAsync(port, stations[2], 0, 2);
        await SendAsync(port, stations[2], 3, 3);
        DateTimeOffset now = Start.AddHours(12).AddMinutes(30);
        var history = new DemoHistory(basin, port, seed: 212);
        IReadingStore store = server.Services.GetRequiredService<IReadingStore>();

        // When the demo resumes
        IReadOnlyDictionary<string, DateTimeOffset> from = await history.ResumePointsAsync(store, Start, now, ct);
        (long packets, SimulationReport? report, _) = await history.BackfillAsync(from, now, null, ct);

        // Then each station resumed from its own first missing hour, and every station has every closed hour
        Assert.Equal([10, 4, 2, 0, 0], stations.Select(s => (int)(from[s.DeviceId] - Start).TotalHours));
        Assert.Equal(2 + 8 + 10 + 12 + 12, packets);
        Assert.Equal(packets, report!.PacketsAcknowledged);
        foreach (SimulatedStation station in stations)
        {
            IReadOnlyList<StoredReading> stored = await store.ReadingsAsync(
                new ReadingQuery(station.DeviceId, SurfaceWaterModel.Codes[6], ReadingKind.Hour, Start, Start.AddHours(12)), ct);
            Assert.Equal(Enumerable.Range(0, 12).Select(h => Start.AddHours(h)), stored.Select(r => r.Reading.PeriodStart).Order());
        }

        await server.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ResumePoints_EveryHourStored_ResumeAfterTheLastClosedHour()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string directory = Directory.CreateTempSubdirectory("qingshui-demo-history-").FullName;
        Basin basin = BasinPresets.Load(BasinSource.DefaultPreset);
        await using QingshuiServer server = await QingshuiServer.StartAsync(
            new ServerOptions { Basin = basin, DatabasePath = Path.Combine(directory, "q.db"), BindAddress = IPAddress.Loopback, Hj212Port = 0, HttpPort = null },
            cancellationToken: ct);
        var history = new DemoHistory(basin, server.Hj212EndPoint.Port, seed: 212);
        DateTimeOffset now = Start.AddHours(3).AddMinutes(10);
        IReadingStore store = server.Services.GetRequiredService<IReadingStore>();
        await history.BackfillAsync(await history.ResumePointsAsync(store, Start, now, ct), now, null, ct);

        IReadOnlyDictionary<string, DateTimeOffset> again = await history.ResumePointsAsync(store, Start, now, ct);

        Assert.All(again.Values, from => Assert.Equal(Start.AddHours(3), from));
        Assert.Equal(0, DemoHistory.PacketsDue(again, now));
        await server.StopAsync(CancellationToken.None);
    }

    private static async Task SendAsync(int port, SimulatedStation station, int fromHour, int hours)
    {
        SimulationReport report = await Simulator.RunAsync(new SimulationOptions
        {
            Host = "127.0.0.1", Port = port, Stations = [station], Start = Start.AddHours(fromHour), PacketsPerStation = hours, Seed = 212,
        }, null, TestContext.Current.CancellationToken);
        Assert.Equal(hours, report.PacketsAcknowledged);
    }
}
