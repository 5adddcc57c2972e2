using Microsoft.Data.Sqlite;

namespace Qingshui.Storage.Sqlite;

/// <summary>
/// Keeps the day rows of each reading the writer inserts, as the insert triggers of migrations 0020 and 0025 did before
/// migration 0033 dropped them: the same expressions, evaluated by SQLite on the bound column values, so each row gets
/// exactly the text and counts the trigger gave it. Revisions go on through the update triggers.
/// </summary>
internal sealed class DayRowsOfNewReadings : IDisposable
{
    private readonly RawStatement _count;
    private readonly RawStatement _appendValue;

    public DayRowsOfNewReadings(SqliteConnection connection)
    {
        // ?1 period_start, ?2 series, ?3 utc_offset, ?4 valid, ?5 flag, ?6 marks (readings_count_insert).
        _count = new RawStatement(connection, """
            INSERT INTO reading_day_counts (day, series, readings, valid, to_review)
            VALUES ((?1 + ?3 * 60000) / 86400000, ?2, 1, ?4, (?4 = 0 OR (?5 IS NOT NULL AND ?5 <> 'N')) AND (?6 & 64) = 0)
            ON CONFLICT (day, series) DO UPDATE SET readings = readings + 1, valid = valid + excluded.valid, to_review = to_review + excluded.to_review
            """);

        // ?1 period_start, ?2 series, ?3 utc_offset, ?4 valid, ?5 unit, ?6 value (readings_values_insert).
        _appendValue = new RawStatement(connection, """
            INSERT INTO reading_day_values (day, series, entries)
            VALUES (?1 / 86400000, ?2, (?1 - (?1 / 86400000) * 86400000) || ',' || ?3 || ',' || ?4 || ',' || ?5 || ',' || quote(?6) || ';')
            ON CONFLICT (day, series) DO UPDATE SET entries = entries || excluded.entries
            """);
    }

    /// <summary>Counts a new reading in its series' local day (reading_day_counts).</summary>
    public void CountNewReading(long series, long periodStart, long utcOffset, long valid, string? flag, long marks)
    {
        _count.Bind(1, periodStart);
        _count.Bind(2, series);
        _count.Bind(3, utcOffset);
        _count.Bind(4, valid);
        _count.Bind(5, flag);
        _count.Bind(6, marks);
        _count.Execute();
    }

    /// <summary>
    /// Appends a new reading to its series' packed UTC day (reading_day_values); only hourly, daily and four-hourly
    /// series (kinds 3, 4, 5) are packed, which the caller decides from the series' kind.
    /// </summary>
    public void AppendDayValue(long series, long periodStart, long utcOffset, long valid, string unit, double value)
    {
        _appendValue.Bind(1, periodStart);
        _appendValue.Bind(2, series);
        _appendValue.Bind(3, utcOffset);
        _appendValue.Bind(4, valid);
        _appendValue.Bind(5, unit);
        _appendValue.Bind(6, value);
        _appendValue.Execute();
    }

    public void Dispose()
    {
        _count.Dispose();
        _appendValue.Dispose();
    }
}
