using Npgsql;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Postgres;

/// <summary>Values of hourly, daily and four-hourly series read from their packed days (migration 0007, <see cref="DayValues"/>).</summary>
public sealed partial class PostgresStore
{
    // The station's series, then one key lookup per series and day: the rows are keyed by day first.
    private const string DayValuesQuery = """
        SELECT s.parameter, v.day, v.entries
        FROM series s CROSS JOIN generate_series($4::bigint, $5::bigint) d (day)
        JOIN reading_day_values v ON v.day = d.day AND v.series = s.id
        WHERE s.station = $1 AND ($2::text IS NULL OR s.parameter = $2) AND s.kind = $3
        ORDER BY s.parameter COLLATE "C", v.day
        """;

    private async Task<IReadOnlyList<ReadingValue>> DayValuesAsync(ReadingQuery query, CancellationToken cancellationToken)
    {
        long from = query.From.ToUnixTimeMilliseconds(), to = query.To.ToUnixTimeMilliseconds();
        var kind = (ReadingKind)query.Kind!;
        try
        {
            await using NpgsqlCommand command = _source.CreateCommand(DayValuesQuery);
            Bind(command, Text(query.StationId), Text(query.Parameter), Int32((int)kind), Int64(DayValues.DayOf(from)), Int64(DayValues.DayOf(to - 1)));
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            return await DayValues.ReadAsync(reader, kind, from, to, cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw Wrap(e, "reading packed days");
        }
    }
}
