using Microsoft.Data.Sqlite;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Sqlite;

/// <summary>Values of hourly, daily and four-hourly series read from their packed days (migration 0025, <see cref="DayValues"/>).</summary>
public sealed partial class SqliteStore
{
    // One seek per series and day, as RangeQuery seeks per hour: the rows are keyed by day first.
    private const string DayValuesQuery = """
        WITH RECURSIVE days (day) AS (SELECT $first UNION ALL SELECT day + 1 FROM days WHERE day < $last)
        SELECT s.parameter, v.day, v.entries
        FROM series s CROSS JOIN days d CROSS JOIN reading_day_values v
        WHERE s.station = $station AND ($parameter IS NULL OR s.parameter = $parameter) AND s.kind = $kind
          AND v.day = d.day AND v.series = s.id
        ORDER BY s.parameter, v.day
        """;

    private async Task<IReadOnlyList<ReadingValue>> DayValuesAsync(ReadingQuery query, CancellationToken cancellationToken)
    {
        long from = query.From.ToUnixTimeMilliseconds(), to = query.To.ToUnixTimeMilliseconds();
        var kind = (ReadingKind)query.Kind!;
        try
        {
            await using ShortRead lease = await OpenShortReadAsync(cancellationToken);
            await using SqliteCommand command = lease.Connection.CreateCommand();
            command.CommandText = DayValuesQuery;
            command.Parameters.AddWithValue("$station", query.StationId);
            command.Parameters.AddWithValue("$parameter", (object?)query.Parameter ?? DBNull.Value);
            command.Parameters.AddWithValue("$kind", (int)kind);
            command.Parameters.AddWithValue("$first", DayValues.DayOf(from));
            command.Parameters.AddWithValue("$last", DayValues.DayOf(to - 1));
            await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            return await DayValues.ReadAsync(reader, kind, from, to, cancellationToken);
        }
        catch (SqliteException e)
        {
            throw Wrap(e, "reading packed days");
        }
    }
}
