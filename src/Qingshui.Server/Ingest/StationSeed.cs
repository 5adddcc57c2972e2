using Microsoft.Extensions.Logging;
using Qingshui.Domain.Network;
using Qingshui.Storage;

namespace Qingshui.Server.Ingest;

/// <summary>
/// Loads the station register at start: the basin file's stations seed the store when their MN is absent; afterwards the
/// store is the truth. A basin-file station that differs from the stored one is logged (once per start, naming the fields).
/// </summary>
internal static class StationSeed
{
    public static async Task LoadAsync(IStationStore store, StationRegister register, Basin file, ILogger logger, CancellationToken cancellationToken)
    {
        IReadOnlyList<Station> seeded = await store.SeedStationsAsync(file.Stations, cancellationToken);
        IReadOnlyList<Station> stations = await store.StationsAsync(cancellationToken);
        var stored = stations.ToDictionary(s => s.DeviceId, StringComparer.Ordinal);
        foreach (Station inFile in file.Stations)
        {
            if (stored.TryGetValue(inFile.DeviceId, out Station? kept) && StationRules.Differences(inFile, kept) is { Count: > 0 } fields)
            {
                Log.StationDiffersFromFile(logger, inFile.DeviceId, string.Join(", ", fields));
            }
        }

        foreach (Station station in stations.Where(s => file.FindSection(s.Section) is null))
        {
            Log.StationSectionUnknown(logger, station.DeviceId, station.Section);
        }

        register.Load(stations);
        Log.StationRegisterLoaded(logger, stations.Count, seeded.Count);
    }
}
