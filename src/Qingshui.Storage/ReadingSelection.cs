using Qingshui.Domain.Assessment;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage;

/// <summary>Which stored readings stand for a station's data over a range, as observations of GB 3838 items (the rule: <see cref="ReadingPreference"/>).</summary>
public static class ReadingSelection
{
    /// <summary>Observations from each station's preferred kind, all stations together; of one parameter when given.</summary>
    /// <remarks>Kinds are asked for one at a time, best first, so a range with hourly values never reads the far more numerous real-time ones.</remarks>
    public static async Task<List<Observation>> ObservationsAsync(
        IReadingStore store, IEnumerable<string> stations, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken, string? parameter = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(stations);
        var observations = new List<Observation>();
        foreach (string station in stations)
        {
            foreach (ReadingKind kind in ReadingPreference.Order)
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
