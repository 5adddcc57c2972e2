using System.Data.Common;
using System.Globalization;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage;

/// <summary>
/// The packed days of reading_day_values (SQLite migration 0025, PostgreSQL 0007): one row per series and UTC day holding
/// the day's values as a log of "ms,offset,valid,unit,value;" entries, appended as readings are written.
/// </summary>
/// <remarks>
/// A series of an hourly, daily or four-hourly kind is read from these rows instead of its readings: a month is some 31
/// rows. What a reader gets is what the readings give (<see cref="IReadingStore.ValuesAsync"/>): the last entry of each
/// period start is the current reading, the value is the stored double, the unit is read as the readings' unit is.
/// </remarks>
public static class DayValues
{
    /// <summary>Milliseconds in a row's day.</summary>
    public const long DayMilliseconds = 86_400_000;

    /// <summary>Whether a query is answered from the packed days: one kind of those kept, neither paged nor limited.</summary>
    public static bool Covers(ReadingQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Kind is ReadingKind kind && Packs(kind) && query.After is null && query.Limit is null;
    }

    /// <summary>Whether readings of this kind are kept packed too: hourly, daily and four-hourly values.</summary>
    public static bool Packs(ReadingKind kind) => kind is ReadingKind.Hour or ReadingKind.Day or ReadingKind.FourHour;

    /// <summary>The day row a time falls in (division truncating toward zero, as both databases divide).</summary>
    public static long DayOf(long unixMilliseconds) => unixMilliseconds / DayMilliseconds;

    /// <summary>
    /// The current values of the day rows a reader gives (parameter, day, entries; in parameter and day order) within
    /// [<paramref name="from"/>, <paramref name="to"/>) (Unix milliseconds): the same for either database's reader.
    /// </summary>
    public static async Task<List<ReadingValue>> ReadAsync(DbDataReader reader, ReadingKind kind, long from, long to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var values = new List<ReadingValue>();
        var units = new UnitCache();
        string parameter = "";
        while (await reader.ReadAsync(cancellationToken))
        {
            string p = reader.GetString(0);
            parameter = string.Equals(p, parameter, StringComparison.Ordinal) ? parameter : p;
            Decode(parameter, kind, reader.GetInt64(1), reader.GetString(2), from, to, ref units, values);
        }

        return values;
    }

    /// <summary>
    /// Adds to <paramref name="into"/> the current values of one day row within [<paramref name="from"/>, <paramref name="to"/>)
    /// (Unix milliseconds), in period order. <paramref name="units"/> carries the last unit read from one call to the next.
    /// </summary>
    public static void Decode(
        string parameter, ReadingKind kind, long day, ReadOnlySpan<char> entries, long from, long to, ref UnitCache units, List<ReadingValue> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var values = new List<PackedValue>(32);
        Decode(day, entries, from, to, ref units, values);
        foreach (PackedValue v in values)
        {
            into.Add(new ReadingValue(parameter, kind, DateTimeOffset.FromUnixTimeMilliseconds(v.Start).ToOffset(TimeSpan.FromMinutes(v.OffsetMinutes)),
                (decimal)v.Value, v.Unit, v.Valid));
        }
    }

    /// <summary>
    /// Adds to <paramref name="into"/> the current values of one day row's entries ("ms,offset,valid,unit,value;" in
    /// the order written; the last of each period start is current) within [<paramref name="from"/>, <paramref name="to"/>)
    /// (Unix milliseconds), in period order, without an object per value.
    /// </summary>
    public static void Decode(long day, ReadOnlySpan<char> entries, long from, long to, ref UnitCache units, List<PackedValue> into)
    {
        int first = into.Count;
        long dayStart = day * DayMilliseconds;
        bool ordered = true;
        long last = long.MinValue;
        while (!entries.IsEmpty)
        {
            int end = entries.IndexOf(';');
            ReadOnlySpan<char> entry = entries[..end];
            entries = entries[(end + 1)..];
            long start = dayStart + long.Parse(Field(ref entry), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            int offset = int.Parse(Field(ref entry), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            bool valid = Field(ref entry) is not "0";
            Unit unit = units.Of(Field(ref entry));
            if (start < from || start >= to)
            {
                continue;
            }

            double value = double.Parse(entry, NumberStyles.Float, CultureInfo.InvariantCulture);
            ordered &= start > last;
            last = start;
            into.Add(new PackedValue(start, offset, value, unit, valid));
        }

        if (!ordered)
        {
            KeepLastInOrder(into, first);
        }
    }

    private static ReadOnlySpan<char> Field(ref ReadOnlySpan<char> entry)
    {
        int comma = entry.IndexOf(',');
        ReadOnlySpan<char> field = entry[..comma];
        entry = entry[(comma + 1)..];
        return field;
    }

    // Late values and revisions come after later ones in the log: a stable sort by period start, then the last of each.
    private static void KeepLastInOrder(List<PackedValue> values, int first)
    {
        for (int i = first + 1; i < values.Count; i++)
        {
            PackedValue v = values[i];
            int j = i - 1;
            while (j >= first && values[j].Start > v.Start)
            {
                values[j + 1] = values[j];
                j--;
            }

            values[j + 1] = v;
        }

        int kept = first;
        for (int i = first; i < values.Count; i++)
        {
            if (i + 1 < values.Count && values[i + 1].Start == values[i].Start)
            {
                continue;
            }

            values[kept++] = values[i];
        }

        values.RemoveRange(kept, values.Count - kept);
    }

    /// <summary>The unit of the last text read: entries of a row almost always share one.</summary>
    public struct UnitCache
    {
        private string? _text;
        private Unit _unit;

        /// <summary>The unit a stored unit text stands for, read as the readings' unit is read.</summary>
        public Unit Of(ReadOnlySpan<char> text)
        {
            if (_text is null || !text.SequenceEqual(_text))
            {
                _text = text.ToString();
                _ = UnitText.TryParse(_text, out _unit);
            }

            return _unit;
        }
    }
}
