using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;
using Qingshui.Domain.Readings;
using Qingshui.Hj212;
using Qingshui.Server.Api;
using Qingshui.Server.Api.Contracts;
using Qingshui.Server.Keys;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Api;
using Qingshui.Server.Tests.Keys;
using Qingshui.Simulation;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Ingest;

/// <summary>
/// The simulator's HJ 212-2025 logger over real TCP: encrypted hourly uploads, a key exchange in the middle of a run, and a
/// logger without an MN registering itself through the operator's assignment.
/// </summary>
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

    [Fact]
    public async Task MixedNetworkUnderLoad_NinetyStationsOfTheThreeEditions_EveryPacketAcknowledged_EveryReadingStoredOnce_NoneRejected()
    {
        // Given 30 stations of each edition on one server, the 2025 ones each with its own key record (encrypting every upload)
        Basin basin = MixedBasin(90);
        await using TestHost host = await TestHost.StartAsync(basin, o => o with { MaxConnectionsPerAddress = 1_000 });
        StationKeyRing keys = host.Server.Services.GetRequiredService<StationKeyRing>();
        Station[] keyed = [.. basin.Stations.Where(s => s.Edition == ProtocolEdition.Hj212V2025)];
        foreach (Station station in keyed)
        {
            await keys.SetAsync(station.DeviceId, Convert.FromHexString(EncryptedFramesTests.KeyHex), Ct);
        }

        // When all of them upload 40 hours as fast as acknowledgements allow, four packets in flight each
        SimulationReport report = await Simulator.RunAsync(
            Options(host.Port, 40) with { Stations = SyntheticBasin.StationsOf(basin), Window = 4, AckTimeout = TimeSpan.FromSeconds(60) }, null, Ct);

        // Then every packet was acknowledged and every reading stored once, and no packet of any edition was turned away
        Assert.Equal((0, 90L * 40), (report.Failed, report.PacketsAcknowledged));
        StoreCounts counts = await host.Store.CountAsync(Ct);
        Assert.Equal((90L * 40 * 9, 0L), (counts.Readings, counts.Revisions));
        foreach (Station station in new[] { basin.Stations[0], basin.Stations[1], keyed[^1] })
        {
            IReadOnlyList<StoredRawPacket> raw = await host.Store.RawPacketsAsync(station.DeviceId, 100, Ct);
            Assert.Equal(40, raw.Count(p => p.Packet.Verdict == PacketVerdict.Accepted && p.Packet.Command == "2061"));
        }

        Assert.All(await host.Store.RawPacketsAsync(keyed[0].DeviceId, 100, Ct),
            p => Assert.DoesNotContain("w01001", System.Text.Encoding.ASCII.GetString(p.Packet.Bytes), StringComparison.Ordinal));
    }

    // Synthetic stations, one in three of each edition (2005 ones with the 14-character MN of that edition).
    private static Basin MixedBasin(int count)
    {
        Basin synthetic = BasinFile.Parse(SyntheticBasin.BasinFileText(count)).Basin!;
        return synthetic.WithStations([.. synthetic.Stations.Select((s, i) => (i % 3) switch
        {
            0 => s with { Edition = ProtocolEdition.Hj212V2005, DeviceId = string.Create(CultureInfo.InvariantCulture, $"FF{i:D12}") },
            1 => s,
            _ => s with { Edition = ProtocolEdition.Hj212V2025 },
        })]);
    }

    [Fact]
    public async Task LoggerWithoutMn_AnnouncesItself_IsAssignedAnMnByItsJurisdictionsOperatorOnly_ExchangesItsKey_UploadsEncrypted_IsAssessed()
    {
        // Given a server and a 2025 logger that knows only its hardware id, its factory password and its factory key
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        const string loggerId = "QS-212-00001";
        var unregistered = new SimulatedStation("", "123456", Hj212Edition.Edition2025, 0, StationProfile.Typical, loggerId);
        var acknowledged = new ConcurrentQueue<AcknowledgedPacket>();
        Task<SimulationReport> run = Simulator.RunAsync(
            Options(host.Port, 8, rate: 4) with { Stations = [unregistered] }, acknowledged.Enqueue, Ct);

        // When it shows in the pending list, another jurisdiction's operator is refused, its own assigns it an MN with its key,
        // then exchanges the key
        await WaitForAsync(async () => (await (await hunan.GetAsync("/api/v1/stations/pending", Ct)).BodyAsync()).EnumerateArray()
            .Any(d => d.GetProperty("loggerId").GetString() == loggerId));
        var assignment = new
        {
            mn = PendingStationsApiTests.NewMn, password = "hn0888", name = new { zh = "模拟数采仪", en = "Simulated logger" }, section = "liling-wangfang",
            dataKey = EncryptedFramesTests.KeyHex,
        };
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        HttpResponseMessage refused = await jiangxi.PostAsJsonAsync($"/api/v1/stations/pending/{loggerId}/assign", assignment, Ct);
        HttpResponseMessage assigned = await hunan.PostAsJsonAsync($"/api/v1/stations/pending/{loggerId}/assign", assignment, Ct);
        await WaitForAsync(() => Task.FromResult(acknowledged.Count >= 2));
        HttpResponseMessage exchanged = await hunan.PostAsync($"/api/v1/stations/{PendingStationsApiTests.NewMn}/data-key/exchange", null, Ct);
        SimulationReport report = await run;

        // Then every upload went under the assigned MN, encrypted, and is stored; the key was replaced; nobody is pending
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Created, HttpStatusCode.OK), (refused.StatusCode, assigned.StatusCode, exchanged.StatusCode));
        Assert.Equal((1, 0, 0, 0, 8), (report.Registered, report.Unregistered, report.Failed, report.Rejected, acknowledged.Count));
        Assert.All(acknowledged, p => Assert.Equal(PendingStationsApiTests.NewMn, p.DeviceId));
        IReadOnlyList<StoredReading> stored = await host.Store.ReadingsAsync(
            new ReadingQuery(PendingStationsApiTests.NewMn, null, ReadingKind.Hour, Start, Start.AddHours(8)), Ct);
        IReadOnlyList<StoredRawPacket> raw = await host.Store.RawPacketsAsync(PendingStationsApiTests.NewMn, 100, Ct);
        Assert.Equal(8 * 9, stored.Count);
        StoredRawPacket[] uploads = [.. raw.Where(p => p.Packet.Command == "2061" && p.Packet.Verdict == PacketVerdict.Accepted)];
        Assert.Equal(8, uploads.Length);
        Assert.All(uploads, p => Assert.DoesNotContain("w01001", System.Text.Encoding.ASCII.GetString(p.Packet.Bytes), StringComparison.Ordinal));
        Assert.NotNull(host.Server.Services.GetRequiredService<StationKeyRing>().For(PendingStationsApiTests.NewMn)!.Previous);
        Assert.Empty((await (await hunan.GetAsync("/api/v1/stations/pending", Ct)).BodyAsync()).EnumerateArray());

        // And its section is assessed from them like from any station: its class now is the domain's for the logger's last hour
        JsonElement section = await (await hunan.GetAsync("/api/v1/sections/liling-wangfang", Ct)).BodyAsync();
        DateTimeOffset lastHour = stored.Max(s => s.Reading.PeriodStart);
        AssessmentDto expected = ApiMapping.Assessment(SectionClass.Current(
            stored.Where(s => s.Reading.PeriodStart == lastHour).Select(s => s.Reading), TestHost.Preset.FindSection("liling-wangfang")!.Waterbody));
        JsonElement current = section.GetProperty("current");
        Assert.Contains(section.GetProperty("stations").EnumerateArray(), s => s.GetProperty("mn").GetString() == PendingStationsApiTests.NewMn);
        Assert.NotNull(expected.Class);
        Assert.Equal(expected.Class, current.GetProperty("class").GetString());
        Assert.Equal(expected.Values.OrderBy(v => v.Key, StringComparer.Ordinal),
            current.GetProperty("values").EnumerateObject().Select(v => new KeyValuePair<string, decimal>(v.Name, v.Value.GetDecimal())).OrderBy(v => v.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task LoggerWithoutMn_NobodyAssignsOne_StopsAfterItsWait_UploadingNothing()
    {
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        var unregistered = new SimulatedStation("", "123456", Hj212Edition.Edition2025, 0, StationProfile.Typical, "QS-212-00002");

        SimulationReport report = await Simulator.RunAsync(
            Options(host.Port, 3) with { Stations = [unregistered], RegistrationTimeout = TimeSpan.FromSeconds(1) }, null, Ct);

        Assert.Equal((0, 1, 1L, 0L), (report.Registered, report.Unregistered, report.PacketsSent, report.PacketsAcknowledged));
        StoredRawPacket announced = Assert.Single(await host.Store.RawPacketsAsync(null, 10, Ct));
        Assert.Equal((PacketVerdict.Control, "1001"), (announced.Packet.Verdict, announced.Packet.Command));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 20 s");
            await Task.Delay(50, Ct);
        }
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
