using Qingshui.Domain.Assessment;
using Qingshui.Domain.Readings;
using Qingshui.Storage;

namespace Qingshui.Server;

/// <summary>Which stored readings stand for a station's data over a range, as observations of GB 3838 items.</summary>
internal static class ReadingSelection
{
    // Best first: hourly values, then coarser, then real-time (kinds are never mixed, which would double-count).
    private static readonly ReadingKind[] Preference = [ReadingKind.Hour, ReadingKind.FourHour, ReadingKind.Day, ReadingKind.Sample, ReadingKind.Minute, ReadingKind.RealTime];

    /// <summary>Observations from each station's preferred kind, all stations together.</summary>
    public static async Task<List<Observation>> ObservationsAsync(IReadingStore store, IEnumerable<string> stations, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var observations = new List<Observation>();
        foreach (string station in stations)
        {
            IReadOnlyList<StoredReading> stored = await store.ReadingsAsync(new ReadingQuery(station, null, null, from, to), cancellationToken);
            observations.AddRange(Observations.FromReadings(Preferred(stored)));
        }

        return observations;
    }

    /// <summary>The readings of the preferred kind present.</summary>
    public static IEnumerable<Reading> Preferred(IReadOnlyList<StoredReading> stored)
    {
        ReadingKind? kind = Preference.Cast<ReadingKind?>().FirstOrDefault(k => stored.Any(r => r.Reading.Kind == k));
        return stored.Where(r => r.Reading.Kind == kind).Select(r => r.Reading);
    }
}
