using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Storage;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Benchmarks;

/// <summary>
/// Committing one batch as the ingest queue does: 1,000 stations' hourly packets (9 readings and the raw bytes each)
/// in one transaction, fsync on commit. Each invocation writes the next hour, so the table grows as in service.
/// Reported per reading.
/// </summary>
[MemoryDiagnoser]
public class StoreWriteBenchmarks
{
    private const int Stations = 1000;
    private static readonly string[] Codes = ["w01010", "w01001", "w01009", "w01014", "w01003", "w01019", "w21003", "w21011", "w21001"];
    private readonly byte[] _raw = new byte[400];
    private string _directory = "";
    private SqliteStore _store = null!;
    private int _hour;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("qingshui-bench-").FullName;
        _store = SqliteStore.OpenAsync(new SqliteStoreOptions(Path.Combine(_directory, "bench.db")), TimeProvider.System, default).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Stations * 9, Description = "commit 1,000 packets x 9 readings")]
    public IngestBatchResult WriteBatch()
    {
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).AddHours(_hour++);
        var batch = new List<IngestRecord>(Stations);
        for (int s = 0; s < Stations; s++)
        {
            string mn = $"FFFF0000000000{s:X10}";
            var readings = new Reading[Codes.Length];
            for (int k = 0; k < Codes.Length; k++)
            {
                readings[k] = new Reading(mn, Codes[k], ReadingKind.Hour, start, 1.25m + k, Unit.MilligramPerLitre, "N", true);
            }

            batch.Add(new IngestRecord(new RawPacket(DateTimeOffset.UtcNow, "127.0.0.1:1", mn, "2061", PacketVerdict.Accepted, null, _raw), readings));
        }

        return _store.WriteAsync(batch, default).GetAwaiter().GetResult();
    }
}
