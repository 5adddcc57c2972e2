using System.Text;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using SQLitePCL;

namespace Qingshui.Storage.Sqlite;

/// <summary>
/// A whole network's readings of one kind in one pass (<see cref="IBulkReadingStore.ScanAsync"/>), one month per
/// connection, two or more months at once, stepped through SQLite's own API, so a row costs its columns and nothing else
/// (no object, no string per row). Kinds kept packed (<see cref="DayValues.Packs"/>) are read from their day rows
/// (reading_day_values, in day and series order: a row holds a series' day, six to twenty-four values, and the same
/// current values as the readings); other kinds from the readings table in its own order (hour bucket, series).
/// </summary>
public sealed partial class SqliteStore
{
    private const string ScanSql = "SELECT series, period_start, utc_offset, value, unit, valid FROM readings WHERE bucket >= ?1 AND bucket <= ?2";

    private const string PackedScanSql = "SELECT series, day, entries FROM reading_day_values WHERE day >= ?1 AND day <= ?2";

    /// <inheritdoc />
    public async Task<IReadOnlyList<SeriesEntry>> SeriesAsync(ReadingKind kind, CancellationToken cancellationToken) =>
        await QueryAsync("SELECT id, station, parameter FROM series WHERE kind = $kind ORDER BY id", c => c.Parameters.AddWithValue("$kind", (int)kind),
            r => new SeriesEntry(r.GetInt64(0), r.GetString(1), r.GetString(2)), cancellationToken);

    /// <inheritdoc />
    public async Task ScanAsync(ReadingScan scan, IReadingScanSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(sink);
        // Rows of other series are skipped before their values are decoded.
        var ofKind = new SeriesSet([.. (await SeriesAsync(scan.Kind, cancellationToken)).Select(s => s.Id).Where(scan.Reads)]);
        IReadOnlyList<(long From, long To)> pieces = ScanPieces.Months(scan.From, scan.To);
        try
        {
            await Parallel.ForEachAsync(pieces, new ParallelOptions { MaxDegreeOfParallelism = ScanPieces.Parallelism(pieces.Count), CancellationToken = cancellationToken },
                async (piece, ct) => await ScanPieceAsync(piece.From, piece.To, ofKind, DayValues.Packs(scan.Kind), sink, ct));
        }
        catch (SqliteException e)
        {
            throw Wrap(e, "scanning readings");
        }
    }

    private async Task ScanPieceAsync(long from, long to, SeriesSet ofKind, bool packed, IReadingScanSink sink, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // Read, not mapped: a scan touches every page once, and faulting a mapping in page by page cost more than reading
        // (the whole network's year: 25 s against 16 s on a cold start, the same when warm).
        Execute(connection, "PRAGMA mmap_size=0;");
        sqlite3 database = connection.Handle!;
        (string sql, long first, long last) = packed
            ? (PackedScanSql, DayValues.DayOf(from), DayValues.DayOf(to - 1))
            : (ScanSql, WriteCommands.BucketOf(from), WriteCommands.BucketOf(to - 1));
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(database, sql, out sqlite3_stmt statement), database);
        using (statement)
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(statement, 1, first), database);
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(statement, 2, last), database);
            if (packed)
            {
                StepThroughDays(database, statement, from, to, ofKind, sink, cancellationToken);
            }
            else
            {
                StepThrough(database, statement, from, to, ofKind, sink, cancellationToken);
            }
        }
    }

    private static void StepThroughDays(sqlite3 database, sqlite3_stmt statement, long from, long to, SeriesSet ofKind, IReadingScanSink sink, CancellationToken cancellationToken)
    {
        var units = new DayValues.UnitCache();
        var values = new List<PackedValue>(32);
        char[] text = new char[1024];
        int rc, rows = 0;
        nint s = statement.DangerousGetHandle();
        while ((rc = ScanColumns.Step(s)) == raw.SQLITE_ROW)
        {
            if ((++rows & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            long series = ScanColumns.Int64(s, 0);
            if (ofKind.IndexOf(series) < 0)
            {
                continue;
            }

            // The entries are ASCII: one char per byte, into a buffer kept for the piece.
            ReadOnlySpan<byte> entries = ScanColumns.Span(s, 2);
            if (entries.Length > text.Length)
            {
                text = new char[entries.Length * 2];
            }

            int length = Encoding.UTF8.GetChars(entries, text);
            values.Clear();
            DayValues.Decode(ScanColumns.Int64(s, 1), text.AsSpan(0, length), from, to, ref units, values);
            foreach (PackedValue value in values)
            {
                sink.Add(new ScannedValue(series, value.Start, value.OffsetMinutes, value.Value, value.Unit, value.Valid));
            }
        }

        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, database);
        }
    }

    private static void StepThrough(sqlite3 database, sqlite3_stmt statement, long from, long to, SeriesSet ofKind, IReadingScanSink sink, CancellationToken cancellationToken)
    {
        byte[] unitBytes = [];
        var unit = Unit.Unspecified;
        int rc, rows = 0;
        nint s = statement.DangerousGetHandle();
        while ((rc = ScanColumns.Step(s)) == raw.SQLITE_ROW)
        {
            if ((++rows & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            long series = ScanColumns.Int64(s, 0), start = ScanColumns.Int64(s, 1);
            if (start < from || start >= to || ofKind.IndexOf(series) < 0)
            {
                continue;
            }

            // A series keeps its unit, so the text is parsed only when it differs from the row before's.
            ReadOnlySpan<byte> text = ScanColumns.Span(s, 4);
            if (!text.SequenceEqual(unitBytes))
            {
                unitBytes = text.ToArray();
                _ = UnitText.TryParse(Encoding.UTF8.GetString(unitBytes), out unit);
            }

            sink.Add(new ScannedValue(series, start, ScanColumns.Int32(s, 2), ScanColumns.Double(s, 3), unit, ScanColumns.Int64(s, 5) != 0));
        }

        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, database);
        }
    }
}
