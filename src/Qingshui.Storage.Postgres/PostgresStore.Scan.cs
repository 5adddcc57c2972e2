using Npgsql;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// A whole network's readings of one kind in one pass (<see cref="IBulkReadingStore.ScanAsync"/>): one plain query per
/// month partition, streamed (Npgsql reads rows off the socket as they come, in binary), two or more partitions at once
/// on their own connections. The unit goes over the wire as its place in the list of known symbols, so a row carries
/// no text unless its unit is one this build does not know.
/// </summary>
public sealed partial class PostgresStore
{
    private const string ScanSql = """
        SELECT r.series, r.period_start, r.utc_offset, r.value, array_position($3::text[], r.unit),
               CASE WHEN array_position($3::text[], r.unit) IS NULL THEN r.unit END, r.valid
        FROM readings r
        WHERE r.period_start >= $1 AND r.period_start < $2 AND r.series IN (SELECT id FROM series WHERE kind = $4)
        """;

    private static readonly Unit[] KnownUnits = Enum.GetValues<Unit>();
    private static readonly string[] KnownSymbols = [.. KnownUnits.Select(UnitText.Symbol)];

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
                async (piece, ct) => await ScanPieceAsync(piece.From, piece.To, scan.Kind, sink, ct));
        }
        catch (NpgsqlException e)
        {
            throw Wrap(e, "scanning readings");
        }
    }

    private async Task ScanPieceAsync(long from, long to, ReadingKind kind, IReadingScanSink sink, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = _source.CreateCommand(ScanSql);
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        command.Parameters.Add(new NpgsqlParameter { Value = to });
        command.Parameters.Add(new NpgsqlParameter { Value = KnownSymbols });
        command.Parameters.Add(new NpgsqlParameter { Value = (int)kind });
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            Unit unit;
            if (reader.IsDBNull(4))
            {
                _ = UnitText.TryParse(reader.GetString(5), out unit);
            }
            else
            {
                unit = KnownUnits[reader.GetInt32(4) - 1];
            }

            sink.Add(new ScannedValue(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetDouble(3), unit, reader.GetInt32(6) != 0));
        }
    }
}
