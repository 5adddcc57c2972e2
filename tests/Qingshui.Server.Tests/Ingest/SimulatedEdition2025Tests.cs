using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Readings;
using Qingshui.Hj212;
using Qingshui.Server.Keys;
using Qingshui.Server.Tests.Keys;
using Qingshui.Simulation;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Ingest;

/// <summary>The simulator's HJ 212-2025 logger over real TCP: encrypted hourly uploads, and a key exchange in the middle of a run.</summary>
public sealed class SimulatedEdition2025Tests
{
    private const string Mn = Edition2025IngestTests.Mn;
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SimulationOptions Options(int port, long packets, double rate = 0) => new()
    {
        Host = "127.0.0.1", Port = port, Start = Start, PacketsPerStation = packets, Rate = rate, AckTimeout = TimeSpan.FromSeconds(5),
        Stations = [new SimulatedStation(Mn, Api.StationRegisterApiTests.HunanPassword, Hj212Edition.Edition2025, 0, StationProfile.Typical)],
        DataKey = Convert.FromHexString(EncryptedFramesTests.KeyHex), CipherOf = key => new Sm4DataAreaCipher(key),
    };

    [Fact]
    public async Task EncryptedHourlyUploads_AreStoredAndAssessedLikeAnyOther()
    {
        (TestHost host, HttpClient hunan) = await Edition2025IngestTests.StartWithKeyAsync();
        await using TestHost _ = host;
        using HttpClient __ = hunan;
        var acknowledged = new ConcurrentBag<AcknowledgedPacket>();

        SimulationReport report = await Simulator.RunAsync(Options(host.Port, 6), acknowledged.Add, Ct);

        Assert.Equal((0, 6), (report.Failed, acknowledged.Count));
        IReadOnlyList<StoredReading> stored = await host.Store.ReadingsAsync(new ReadingQuery(Mn, null, ReadingKind.Hour, Start, Start.AddHours(6)), Ct);
        Assert.Equal(6 * 9, stored.Count);
        AcknowledgedPacket first = acknowledged.Single(p => p.DataTime == Start);
        Assert.Equal(first.Values.OrderBy(v => v.Key, StringComparer.Ordinal),
            stored.Where(s => s.Reading.PeriodStart == Start).Select(s => new KeyValuePair<string, decimal>(s.Reading.Parameter, s.Reading.Value)));
        Assert.All(await host.Store.RawPacketsAsync(Mn, 10, Ct), p => Assert.DoesNotContain("w01001", System.Text.Encoding.ASCII.GetString(p.Packet.Bytes), StringComparison.Ordinal));
        Assert.All(stored, s => Assert.True(s.Reading.Valid, $"{s.Reading.Parameter} at {s.Reading.PeriodStart} was screened out"));
    }

    [Fact]
    public async Task KeyExchangeDuringARun_TheSimulatorSwitchesKeys_NothingIsLost()
    {
        (TestHost host, HttpClient hunan) = await Edition2025IngestTests.StartWithKeyAsync();
        await using TestHost _ = host;
        using HttpClient __ = hunan;
        var acknowledged = new ConcurrentQueue<AcknowledgedPacket>();
        Task<SimulationReport> run = Simulator.RunAsync(Options(host.Port, 12, rate: 4), acknowledged.Enqueue, Ct);
        await WaitForAsync(() => acknowledged.Count >= 2);

        HttpResponseMessage exchanged = await hunan.PostAsync($"/api/v1/stations/{Mn}/data-key/exchange", null, Ct);
        SimulationReport report = await run;

        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
        Assert.Equal((0, 12), (report.Failed, acknowledged.Count));
        Assert.Equal(12, (await host.Store.RawPacketsAsync(Mn, 100, Ct)).Count(p => p.Packet.Command == "2061" && p.Packet.Verdict == PacketVerdict.Accepted));
        StationKeys keys = host.Server.Services.GetRequiredService<StationKeyRing>().For(Mn)!;
        Assert.NotNull(keys.Previous);
    }

    [Fact]
    public async Task MixedNetwork_2005_2017And2025StationsAtOnce_EveryAcknowledgedReadingIsStoredOnce()
    {
        // Given the preset's 2005 and 2017 stations, with the Hunan one speaking 2025 with its key, all sending at once
        (TestHost host, HttpClient hunan) = await Edition2025IngestTests.StartWithKeyAsync();
        await using TestHost _ = host;
        using HttpClient __ = hunan;
        SimulatedStation[] stations = [.. SyntheticBasin.StationsOf(TestHost.Preset)
            .Select(s => s.DeviceId == Mn ? s with { Edition = Hj212Edition.Edition2025 } : s)];
        var acknowledged = new ConcurrentBag<AcknowledgedPacket>();

        // When each sends 24 hourly uploads with several in flight
        SimulationReport report = await Simulator.RunAsync(Options(host.Port, 24) with { Stations = stations, Window = 4 }, acknowledged.Add, Ct);

        // Then all three editions are among them and every acknowledged reading is stored once
        Assert.Equal(3, stations.Select(s => s.Edition).Distinct().Count());
        Assert.Equal((0, stations.Length * 24), (report.Failed, acknowledged.Count));
        StoreCounts counts = await host.Store.CountAsync(Ct);
        Assert.Equal((long)stations.Length * 24 * 9, counts.Readings);
        Assert.Equal(0, counts.Revisions);
        Assert.Equal(24, (await host.Store.RawPacketsAsync(Mn, 100, Ct)).Count(p => p.Packet.Verdict == PacketVerdict.Accepted && p.Packet.Command == "2061"));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 20 s");
            await Task.Delay(20, Ct);
        }
    }
}
