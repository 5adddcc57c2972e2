using System.Data.Common;
using System.Globalization;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage;

/// <summary>
/// Reads one parameter's packed days (<see cref="DayValues"/>) for several stations at once, without an object per value:
/// the read behind a chart's first asking of a section-month.
/// </summary>
public interface IPackedValuesReader
{
    /// <summary>
    /// The current values of <paramref name="parameter"/> of one packed kind (<see cref="DayValues.Covers"/>) at each of
    /// <paramref name="stations"/> over [<paramref name="from"/>, <paramref name="to"/>): per station what
    /// <see cref="IReadingStore.ValuesAsync"/> gives for the same question, in period order.
    /// </summary>
    Task<PackedValues> PackedValuesAsync(
        IReadOnlyList<string> stations, string parameter, ReadingKind kind, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

/// <summary>One value of a packed day: period start (Unix milliseconds), its UTC offset in minutes, the stored double, unit and validity.</summary>
public readonly record struct PackedValue(long Start, int OffsetMinutes, double Value, Unit Unit, bool Valid);

/// <summary>The values of several stations, one run per station in the order they were asked for.</summary>
public sealed class PackedValues
{
    private readonly List<PackedValue>?[] _runs;

    private PackedValues(List<PackedValue>?[] runs) => _runs = runs;

    /// <summary>How many stations were asked for.</summary>
    public int Stations => _runs.Length;

    /// <summary>The values of the station asked for at <paramref name="index"/>, in period order.</summary>
    public ReadOnlySpan<PackedValue> Of(int index) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_runs[index]);

    /// <summary>
    /// Decodes the rows a reader gives (station, day, entries; in station and day order) for <paramref name="stations"/>
    /// within [<paramref name="from"/>, <paramref name="to"/>) (Unix milliseconds): the same for either database's reader.
    /// </summary>
    public static async Task<PackedValues> ReadAsync(DbDataReader reader, IReadOnlyList<string> stations, long from, long to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(stations);

        // Rows come in the database's station order; each station's run is kept apart, at the place it was asked for.
        var runs = new List<PackedValue>?[stations.Count];
        var units = new DayValues.UnitCache();
        string station = "";
        int index = -1;
        while (await reader.ReadAsync(cancellationToken))
        {
            string s = reader.GetString(0);
            if (index < 0 || !string.Equals(s, station, StringComparison.Ordinal))
            {
                station = s;
                index = IndexOf(stations, s);
            }

            if (index >= 0)
            {
                // An hourly day holds 24 values: room for a month without growing.
                DayValues.Decode(reader.GetInt64(1), reader.GetString(2), from, to, ref units, runs[index] ??= new List<PackedValue>(32 * 24));
            }
        }

        return new PackedValues(runs);
    }

    private static int IndexOf(IReadOnlyList<string> stations, string station)
    {
        for (int i = 0; i < stations.Count; i++)
        {
            if (string.Equals(stations[i], station, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

}
