using System.Globalization;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Simulation;
using Qingshui.Storage;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Benchmarks;

/// <summary>
/// A synthetic store for timing the review queue: every hour of March 2024 for N synthetic stations (the MNs of
/// <c>qingshui simulate basin</c>), the first P parameters of the surface-water model, written straight into SQLite. One
/// station in seven has a day of readings flagged D (fault, invalid) and one in eleven misses a day, so the queue has work.
/// </summary>
internal static class ReviewStore
{
    public static async Task WriteAsync(string path, int stations, int parameters)
    {
        await using SqliteStore store = await SqliteStore.OpenAsync(new SqliteStoreOptions(path, FullSync: false), TimeProvider.System, CancellationToken.None);
        long readings = await WriteAsync(store, stations, parameters);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {readings} readings of {stations} stations (March 2024)"));
    }

    /// <summary>Writes the month through a store's ordinary write path, in batches of 4,096 packets; returns how many readings.</summary>
    public static async Task<long> WriteAsync(IReadingStore store, int stations, int parameters)
    {
        var model = new SurfaceWaterModel(2024);
        var profile = StationProfile.Typical;
        Unit[] units = [.. SurfaceWaterModel.Codes.Select(c => ParameterCatalogue.Find(c)!.DefaultUnit)];
        var start = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var batch = new List<IngestRecord>(4096);
        long readings = 0;
        for (DateTimeOffset time = start; time.Month == 3; time = time.AddHours(1))
        {
            for (int s = 0; s < stations; s++)
            {
                if (s % 11 == 0 && time.Day == 12)
                {
                    continue;
                }

                string id = SyntheticBasin.DeviceId(s);
                bool fault = s % 7 == 0 && time.Day == 20;
                decimal[] values = model.ValuesAt(s, time, profile);
                var list = new Reading[parameters];
                for (int p = 0; p < parameters; p++)
                {
                    list[p] = new Reading(id, SurfaceWaterModel.Codes[p], ReadingKind.Hour, time, values[p], units[p], fault ? "D" : "N", !fault);
                }

                batch.Add(new IngestRecord(new RawPacket(time, "synthetic", id, "2061", PacketVerdict.Accepted, null, []), list));
                readings += parameters;
                if (batch.Count == batch.Capacity)
                {
                    await store.WriteAsync(batch, CancellationToken.None);
                    batch.Clear();
                }
            }
        }

        await store.WriteAsync(batch, CancellationToken.None);
        return readings;
    }
}
