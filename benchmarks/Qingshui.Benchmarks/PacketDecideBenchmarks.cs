using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Qingshui.Domain.Network;
using Qingshui.Hj212;
using Qingshui.Server;
using Qingshui.Server.Cluster;
using Qingshui.Server.Ingest;
using Qingshui.Server.Keys;
using Qingshui.Server.Registration;
using Qingshui.Simulation;
using Qingshui.Storage.Cluster;

namespace Qingshui.Benchmarks;

/// <summary>
/// The server's decision on one received frame, as the HJ 212 connection makes it: an hourly upload of the load
/// script's kind (CN 2061, nine parameters, Flag 5, a synthetic basin's station) becoming its raw-packet record,
/// readings and 9014 reply. The baseline is the full parse (the message object, then its readings); the plain path
/// reads the readings straight from the segment.
/// </summary>
[MemoryDiagnoser]
public class PacketDecideBenchmarks
{
    private const int Stations = 1000;
    private PacketProcessor _processor = null!;
    private byte[][] _frames = [];

    [GlobalSetup]
    public void Setup()
    {
        Basin basin = BasinFile.Parse(SyntheticBasin.BasinFileText(Stations)).Basin!;
        var options = new ServerOptions { Basin = basin, DatabasePath = "unused.db", DataTimeBehind = TimeSpan.FromDays(100 * 366) };
        var register = new StationRegister(basin, options.MaxDataLength);
        var window = new DataTimeWindow(options);

        // No station here is of the 2025 edition and no frame is a 1001, so neither the key ring's store nor the pending
        // list's is ever read.
        var keys = new StationKeyRing(
            null!, new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider(),
            new ClusterNotes(new SingleNodeFeed(), NullLogger<ClusterNotes>.Instance), TimeProvider.System);
        _processor = new PacketProcessor(
            register, keys, new PendingRegistrations(null!, options, TimeProvider.System, NullLogger<PendingRegistrations>.Instance), new SplitAssemblies(register, window, options, NullLogger<SplitAssemblies>.Instance),
            window, new LogThrottle(TimeSpan.FromSeconds(10), TimeProvider.System), TimeProvider.System, NullLogger<PacketProcessor>.Instance);
        var model = new SurfaceWaterModel(2024);
        var hour = new DateTimeOffset(2024, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));
        _frames = [.. SyntheticBasin.StationsOf(basin).Select(s => Upload(s, hour, model))];
    }

    [Benchmark(Baseline = true, Description = "full parse: message, then readings", OperationsPerInvoke = Stations)]
    public int FullParse()
    {
        int readings = 0;
        foreach (byte[] frame in _frames)
        {
            readings += _processor.ProcessParsed(frame, DataRange(frame), CrcVerdict.Hj212, "127.0.0.1:5000").Records[0].Readings.Count;
        }

        return readings;
    }

    [Benchmark(Description = "plain path: segment to readings", OperationsPerInvoke = Stations)]
    public int Plain()
    {
        int readings = 0;
        foreach (byte[] frame in _frames)
        {
            readings += _processor.Process(frame, DataRange(frame), CrcVerdict.Hj212, "127.0.0.1:5000").Records[0].Readings.Count;
        }

        return readings;
    }

    private static Range DataRange(byte[] frame) => new(Frame.HeaderLength, frame.Length - 6);

    private static byte[] Upload(SimulatedStation station, DateTimeOffset hour, SurfaceWaterModel model)
    {
        decimal[] values = model.ValuesAt(station.Index, hour, station.Profile);
        PollutantData[] pollutants = [.. SurfaceWaterModel.Codes.Select((code, i) => new PollutantData(code).SetValue(ValueSuffix.Avg, values[i]))];
        foreach (PollutantData pollutant in pollutants)
        {
            pollutant.Flag = "N";
        }

        string qn = hour.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "001";
        var message = new Hj212Message(qn, "21", CommandCode.HourlyData, station.Password, station.DeviceId, 5, null, null, DataArea.Create(hour, pollutants));
        return MessageWriter.Encode(message);
    }
}
