using Qingshui.Domain.Readings;

namespace Qingshui.Storage;

/// <summary>The checks every backend makes on a bulk load before writing anything.</summary>
public static class BulkLoadInput
{
    /// <summary>
    /// Refuses a load that gives one reading twice: applied in one statement the two would race (PostgreSQL refuses
    /// such an upsert), and applied in order they would leave a revision no station ever sent.
    /// </summary>
    /// <exception cref="ArgumentException">Names the first repeated reading.</exception>
    public static void ThrowIfRepeated(IReadOnlyList<Reading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var seen = new HashSet<(string, string, ReadingKind, long)>(readings.Count);
        for (int i = 0; i < readings.Count; i++)
        {
            Reading r = readings[i];
            if (!seen.Add((r.StationId, r.Parameter, r.Kind, r.PeriodStart.UtcTicks)))
            {
                throw new ArgumentException(
                    $"readings[{i}]: {r.StationId} {r.Parameter} {r.Kind} at {r.PeriodStart:O} is given twice; give each reading once per load",
                    nameof(readings));
            }
        }
    }
}
