using System.Collections.Concurrent;
using Qingshui.Domain.Network;
using Qingshui.Domain.Readings;
using Qingshui.Simulation;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Ingest;

/// <summary>The simulator drives the real listener over loopback; every fault it can inject must lose nothing and duplicate nothing.</summary>
public sealed class SimulatedStationsTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Faults() => ["none", "bad-crc", "garbage", "split-out-of-order", "disconnect-mid-frame", "duplicate", "clock-skew"];

    private static FaultOptions FaultsFor(string fault) => fault switch
    {
        "bad-crc" => new FaultOptions { BadCrc = 0.3 },
        "garbage" => new FaultOptions { Garbage = 0.3 },
        "split-out-of-order" => new FaultOptions { SplitOutOfOrder = 0.5 },
        "disconnect-mid-frame" => new FaultOptions { DisconnectMidFrame = 0.2 },
        "duplicate" => new FaultOptions { Duplicate = 0.3 },
        "clock-skew" => new FaultOptions { ClockSkew = TimeSpan.FromMinutes(7) },
        _ => FaultOptions.None,
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Simulator_WithFault_EveryAcknowledgedReadingIsStoredOnce(string fault)
    {
        await using TestHost host = await TestHost.StartAsync();
        var acknowledged = new ConcurrentBag<AcknowledgedPacket>();
        var options = new SimulationOptions
        {
            Host = "127.0.0.1", Port = host.Port, Stations = SyntheticBasin.StationsOf(TestHost.Preset), Start = Start,
            PacketsPerStation = 24, Faults = FaultsFor(fault), AckTimeout = TimeSpan.FromSeconds(5),
        };

        SimulationReport report = await Simulator.RunAsync(options, acknowledged.Add, Ct);

        Assert.Equal(0, report.Failed);
        Assert.Equal(5 * 24, acknowledged.Count);
        if (fault != "none" && fault != "clock-skew")
        {
            Assert.True(report.Faults.GetValueOrDefault(fault) > 0, $"no {fault} was injected");
        }

        StoreCounts counts = await host.Store.CountAsync(Ct);
        Assert.Equal(5 * 24 * 9, counts.Readings);
        Assert.Equal(0, counts.Revisions);
        foreach (AcknowledgedPacket packet in acknowledged.Where(p => p.DeviceId == "360300A00000000000000201").Take(5))
        {
            IReadOnlyList<StoredReading> stored = await host.Store.ReadingsAsync(
                new ReadingQuery(packet.DeviceId, null, ReadingKind.Hour, packet.DataTime, packet.DataTime.AddMilliseconds(1)), Ct);
            Assert.Equal(packet.Values.OrderBy(v => v.Key, StringComparer.Ordinal), stored.Select(s => new KeyValuePair<string, decimal>(s.Reading.Parameter, s.Reading.Value)));
        }
    }

    [Fact]
    public async Task Simulator_ClockSkew_StationIsCalibratedOnConnect()
    {
        await using TestHost host = await TestHost.StartAsync();
        var options = new SimulationOptions
        {
            Host = "127.0.0.1", Port = host.Port, Stations = SyntheticBasin.StationsOf(TestHost.Preset).Take(1).ToArray(), Start = Start,
            PacketsPerStation = 3, Faults = new FaultOptions { ClockSkew = TimeSpan.FromMinutes(7) },
        };

        await Simulator.RunAsync(options, null, Ct);

        IReadOnlyList<StoredRawPacket> packets = await host.Store.RawPacketsAsync(options.Stations[0].DeviceId, 50, Ct);
        Assert.Contains(packets, p => p.Packet.Command == "1013");
    }

    [Fact]
    public async Task Server_ThousandStationsConnectedAtOnce_AllAcknowledged()
    {
        BasinFileResult basin = BasinFile.Parse(SyntheticBasin.BasinFileText(1000));
        // Every station connects from 127.0.0.1: above the per-address cap's default.
        await using TestHost host = await TestHost.StartAsync(basin.Basin, o => o with { MaxConnectionsPerAddress = 2_000 });
        var options = new SimulationOptions
        {
            Host = "127.0.0.1", Port = host.Port, Stations = SyntheticBasin.StationsOf(basin.Basin!), Start = Start,
            PacketsPerStation = 3, Rate = 2, AckTimeout = TimeSpan.FromSeconds(30),
        };

        SimulationReport report = await Simulator.RunAsync(options, null, Ct);

        Assert.Equal(3000, report.PacketsAcknowledged);
        Assert.Equal(0, report.Failed);
        Assert.Equal(1000 * 3 * 9, (await host.Store.CountAsync(Ct)).Readings);
    }
}
