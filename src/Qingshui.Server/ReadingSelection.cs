using Qingshui.Domain.Assessment;
using Qingshui.Domain.Readings;
using Qingshui.Storage;

namespace Qingshui.Server;

/// <summary>Which stored readings stand for a station's data over a range, as observations of GB 3838 items.</summary>
internal static class ReadingSelection
{
    // Best first: hourly values, then coarser, then real-time (kinds are never mixed, which would double-count).
    private static readonly ReadingKind[] Preference = [ReadingKind.Hour, ReadingKind.FourHour, ReadingKind.Day, ReadingKind.Sample, ReadingKind.Minute, ReadingKind.RealTime];

    /// <summary>Observations from each station's preferred kind, all stations together; of one parameter when given.</summary>
    /// <remarks>Kinds are asked for one at a time, best first, so a range with hourly values never reads the far more numerous real-time ones.</remarks>
    public static async Task<List<Observation>> ObservationsAsync(
        IReadingStore store, IEnumerable<string> stations, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken, string? parameter = null)
    {
        var observations = new List<Observation>();
        foreach (string station in stations)
        {
            foreach (ReadingKind kind in Preference)
            {
                IReadOnlyList<ReadingValue> values = await store.ValuesAsync(new ReadingQuery(station, parameter, kind, from, to), cancellationToken);
                foreach (ReadingValue v in values)
                {
                    if (Observations.TryFrom(v.Parameter, v.PeriodStart, v.Value, v.Unit, v.Valid, out Observation observation))
                    {
                        observations.Add(observation);
                    }
                }

                if (values.Count > 0)
                {
                    break;
                }
            }
        }

        return observations;
    }
}
