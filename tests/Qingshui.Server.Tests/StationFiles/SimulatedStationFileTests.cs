using System.Collections.Concurrent;
using System.Text.Json;
using Qingshui.Hj212;
using Qingshui.Server.Keys;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Ingest;
using Qingshui.Server.Tests.Keys;
using Qingshui.Simulation;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.StationFiles;

/// <summary>The simulator's HJ 212-2025 logger sending raw monitoring data (2013), encrypted and split out of order, over real TCP.</summary>
public sealed class SimulatedStationFileTests
{
    private const string Mn = Edition2025IngestTests.Mn;
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EncryptedRawDataSplitOutOfOrder_EachUploadIsOneStationFile_WithItsValuesInTheClear()
    {
        (TestHost host, HttpClient hunan) = await Edition2025IngestTests.StartWithKeyAsync();
        await using TestHost _ = host;
        using HttpClient __ = hunan;
        var acknowledged = new ConcurrentBag<AcknowledgedPacket>();
        var options = new SimulationOptions
        {
            Host = "127.0.0.1", Port = host.Port, Start = Start, PacketsPerStation = 3, Command = CommandCode.RawData, AckTimeout = TimeSpan.FromSeconds(5),
            Stations = [new SimulatedStation(Mn, Api.StationRegisterApiTests.HunanPassword, Hj212Edition.Edition2025, 0, StationProfile.Typical)],
            DataKey = Convert.FromHexString(EncryptedFramesTests.KeyHex), CipherOf = key => new Sm4DataAreaCipher(key),
            Faults = new FaultOptions { SplitOutOfOrder = 1 },
        };

        SimulationReport report = await Simulator.RunAsync(options, acknowledged.Add, Ct);

        Assert.Equal((0, 3), (report.Failed, acknowledged.Count));
        JsonElement[] files = [.. (await (await hunan.GetAsync($"/api/v1/stations/{Mn}/files", Ct)).BodyAsync()).EnumerateArray()];
        Assert.Equal(3, files.Length);
        Assert.All(files, f => Assert.True(f.GetProperty("parts").GetInt32() > 1, "the simulator's split should make several parts"));
        string text = await hunan.GetStringAsync(files.Single(f => f.GetProperty("fields").GetProperty("DataTime").GetString() == "20260105000000")
            .GetProperty("content").GetString(), Ct);
        foreach ((string code, decimal value) in acknowledged.Single(p => p.DataTime == Start).Values)
        {
            Assert.Contains($"{code}-Avg={value.ToString(System.Globalization.CultureInfo.InvariantCulture)}", text, StringComparison.Ordinal);
        }

        Assert.Empty(await host.Store.ReadingsAsync(new ReadingQuery(Mn, null, null, Start, Start.AddHours(3)), Ct));
    }
}
