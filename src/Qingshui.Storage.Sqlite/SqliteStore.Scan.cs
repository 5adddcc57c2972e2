using System.Text;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using SQLitePCL;

namespace Qingshui.Storage.Sqlite;

/// <summary>
/// A whole network's readings of one kind in one pass (<see cref="IBulkReadingStore.ScanAsync"/>): the readings table
/// is read in its own order (hour bucket, series), one month of buckets per connection, two or more months at once, and
/// stepped through SQLite's own API, so a row costs its columns and nothing else (no object, no string per row).
/// </summary>
public sealed partial class SqliteStore
{
    private const string ScanSql = "SELECT series, period_start, utc_offset, value, unit, valid FROM readings WHERE bucket >= ?1 AND bucket <= ?2";

    /// <inheritdoc />
    public async Task<IReadOnlyList<SeriesEntry>> SeriesAsync(ReadingKind kind, CancellationToken cancellationToken) =>
        await QueryAsync("SELECT id, station, parameter FROM series WHERE kind = $kind ORDER BY id", c => c.Parameters.AddWithValue("$kind", (int)kind),
            r => new SeriesEntry(r.GetInt64(0), r.GetString(1), r.GetString(2)), cancellationToken);

    /// <inheritdoc />
    public async Task ScanAsync(ReadingScan scan, IReadingScanSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(sink);
        var ofKind = new SeriesSet([.. (await SeriesAsync(scan.Kind, cancellationToken)).Select(s => s.Id)]);
        IReadOnlyList<(long From, long To)> pieces = ScanPieces.Months(scan.From, scan.To);
        try
        {
            await Parallel.ForEachAsync(pieces, new ParallelOptions { MaxDegreeOfParallelism = ScanPieces.Parallelism(pieces.Count), CancellationToken = cancellationToken },
                async (piece, ct) => await ScanPieceAsync(piece.From, piece.To, ofKind, sink, ct));
        }
        catch (SqliteException e)
        {
            throw Wrap(e, "scanning readings");
        }
    }

    private async Task ScanPieceAsync(long from, long to, SeriesSet ofKind, IReadingScanSink sink, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        Execute(connection, ReaderPragmas);
        sqlite3 database = connection.Handle!;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(database, ScanSql, out sqlite3_stmt statement), database);
        using (statement)
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(statement, 1, WriteCommands.BucketOf(from)), database);
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(statement, 2, WriteCommands.BucketOf(to - 1)), database);
            StepThrough(database, statement, from, to, ofKind, sink, cancellationToken);
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
