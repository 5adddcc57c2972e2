using System.Globalization;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Sqlite;

/// <summary>One parameter's packed days for several stations in one query (<see cref="IPackedValuesReader"/>).</summary>
public sealed partial class SqliteStore : IPackedValuesReader
{
    /// <inheritdoc />
    public async Task<PackedValues> PackedValuesAsync(
        IReadOnlyList<string> stations, string parameter, ReadingKind kind, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stations);
        ArgumentNullException.ThrowIfNull(parameter);
        long start = from.ToUnixTimeMilliseconds(), end = to.ToUnixTimeMilliseconds();
        if (!DayValues.Covers(new ReadingQuery("", parameter, kind, from, to)))
        {
            throw new ArgumentException($"{kind} values are not kept packed", nameof(kind));
        }

        try
        {
            await using ShortRead lease = await OpenShortReadAsync(cancellationToken);
            await using SqliteCommand command = lease.Connection.CreateCommand();
            // The series first (one key each), then one seek per series and day, as DayValuesQuery does for one station. An
            // empty range still reads its first day, whose values the decoding leaves out; SQLite takes an empty IN ().
            string names = string.Join(", ", stations.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"$s{i}")));
            command.CommandText = $"""
                WITH RECURSIVE days (day) AS (SELECT $first UNION ALL SELECT day + 1 FROM days WHERE day < $last)
                SELECT s.station, v.day, v.entries
                FROM series s CROSS JOIN days d CROSS JOIN reading_day_values v
                WHERE s.station IN ({names}) AND s.parameter = $parameter AND s.kind = $kind
                  AND v.day = d.day AND v.series = s.id
                ORDER BY s.station, v.day
                """;
            for (int i = 0; i < stations.Count; i++)
            {
                command.Parameters.AddWithValue(string.Create(CultureInfo.InvariantCulture, $"$s{i}"), stations[i]);
            }

            command.Parameters.AddWithValue("$parameter", parameter);
            command.Parameters.AddWithValue("$kind", (int)kind);
            command.Parameters.AddWithValue("$first", DayValues.DayOf(start));
            command.Parameters.AddWithValue("$last", DayValues.DayOf(end - 1));
            await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            return await PackedValues.ReadAsync(reader, stations, start, end, cancellationToken);
        }
        catch (SqliteException e)
        {
            throw Wrap(e, "reading packed days");
        }
    }
}
