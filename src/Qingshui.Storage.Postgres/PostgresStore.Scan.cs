using System.Globalization;
using Npgsql;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// A whole network's readings of one kind in one pass (<see cref="IBulkReadingStore.ScanAsync"/>): one binary
/// <c>COPY … TO STDOUT</c> per month partition, its rows parsed off the stream as they come (<see cref="CopyOutRows"/>),
/// two or more partitions at once on their own connections.
/// </summary>
public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<SeriesEntry>> SeriesAsync(ReadingKind kind, CancellationToken cancellationToken)
    {
        try
        {
            await using NpgsqlCommand command = _source.CreateCommand("SELECT id, station, parameter FROM series WHERE kind = $1 ORDER BY id");
            command.Parameters.Add(new NpgsqlParameter { Value = (int)kind });
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            var series = new List<SeriesEntry>();
            while (await reader.ReadAsync(cancellationToken))
            {
                series.Add(new SeriesEntry(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            }

            return series;
        }
        catch (NpgsqlException e)
        {
            throw Wrap(e, "reading series");
        }
    }

    /// <inheritdoc />
    public async Task ScanAsync(ReadingScan scan, IReadingScanSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(sink);
        IReadOnlyList<(long From, long To)> pieces = ScanPieces.Months(scan.From, scan.To);
        try
        {
            await Parallel.ForEachAsync(pieces, new ParallelOptions { MaxDegreeOfParallelism = ScanPieces.Parallelism(pieces.Count), CancellationToken = cancellationToken },
                async (piece, ct) => await ScanPieceAsync(piece.From, piece.To, scan.Kind, scan.OnlyOfSeries(sink), ct));
        }
        catch (NpgsqlException e)
        {
            throw Wrap(e, "scanning readings");
        }
    }

    private async Task ScanPieceAsync(long from, long to, ReadingKind kind, IReadingScanSink sink, CancellationToken cancellationToken)
    {
        // COPY takes no parameters: the bounds and the kind are numbers this code formats, never text from outside.
        string sql = string.Create(CultureInfo.InvariantCulture, $"""
            COPY (SELECT r.series, r.period_start, r.utc_offset, r.value, r.unit, r.valid FROM readings r
                  WHERE r.period_start >= {from} AND r.period_start < {to} AND r.series IN (SELECT id FROM series WHERE kind = {(int)kind}))
            TO STDOUT (FORMAT BINARY)
            """);
        await using NpgsqlConnection connection = await _source.OpenConnectionAsync(cancellationToken);
        await using NpgsqlRawCopyStream stream = await connection.BeginRawBinaryCopyAsync(sql, cancellationToken);
        await new CopyOutRows(stream).ReadAsync(sink, cancellationToken);
    }
}
