using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Import;

/// <summary>How rows read from a sample file become observations for period means.</summary>
public static class SampleObservations
{
    /// <summary>
    /// The observations of one section's rows: every value of a row with a time, all valid (a sample file carries no
    /// data flags). A time given twice counts once, with the first row's values; rows without a time are left out.
    /// </summary>
    public static IReadOnlyList<Observation> Of(IEnumerable<SampleRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows
            .Where(r => r.Time is not null)
            .DistinctBy(r => r.Time)
            .SelectMany(r => r.Values.Select(v => new Observation(StandardItems.Find(v.Key)!, r.Time!.Value, v.Value, true, r.BelowLimit.Contains(v.Key))))
            .ToArray();
    }
}
