using System.Globalization;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Simulation;
using Qingshui.Storage;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Benchmarks;

/// <summary>
/// A synthetic store for timing exports: every hour of 2024 for N synthetic stations (the MNs of <c>qingshui simulate
/// basin</c>), the first P parameters of the surface-water model, written straight into SQLite, one packet an hour.
/// </summary>
internal static class ExportStore
{
    public static async Task WriteAsync(string path, int stations, int parameters)
    {
        var model = new SurfaceWaterModel(2024);
        var profile = StationProfile.Typical;
        Unit[] units = [.. SurfaceWaterModel.Codes.Select(c => ParameterCatalogue.Find(c)!.DefaultUnit)];
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        await using SqliteStore store = await SqliteStore.OpenAsync(new SqliteStoreOptions(path, FullSync: false), TimeProvider.System, CancellationToken.None);
        long readings = 0;
        for (DateTimeOffset time = start; time.Year == 2024; time = time.AddHours(1))
        {
            var list = new Reading[stations * parameters];
            for (int s = 0; s < stations; s++)
            {
                string id = SyntheticBasin.DeviceId(s);
                decimal[] values = model.ValuesAt(s, time, profile);
                for (int p = 0; p < parameters; p++)
                {
                    list[s * parameters + p] = new Reading(id, SurfaceWaterModel.Codes[p], ReadingKind.Hour, time, values[p], units[p], "N", true);
                }
            }

            await store.WriteAsync([new IngestRecord(new RawPacket(time, "synthetic", SyntheticBasin.DeviceId(0), "2061", PacketVerdict.Accepted, null, []), list)],
                CancellationToken.None);
            readings += list.Length;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {readings} readings of {stations} stations (2024, hourly)"));
    }
}
