using Npgsql;
using NpgsqlTypes;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Postgres;

/// <summary>One parameter's packed days for several stations in one query (<see cref="IPackedValuesReader"/>).</summary>
public sealed partial class PostgresStore : IPackedValuesReader
{
    // The stations' series, then one key lookup per series and day, as DayValuesQuery does for one station.
    private const string PackedValuesQuery = """
        SELECT s.station, v.day, v.entries
        FROM series s CROSS JOIN generate_series($4::bigint, $5::bigint) d (day)
        JOIN reading_day_values v ON v.day = d.day AND v.series = s.id
        WHERE s.station = ANY($1) AND s.parameter = $2 AND s.kind = $3
        ORDER BY s.station COLLATE "C", v.day
        """;

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
            await using NpgsqlCommand command = _source.CreateCommand(PackedValuesQuery);
            Bind(command, new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = stations.ToArray() }, Text(parameter),
                Int32((int)kind), Int64(DayValues.DayOf(start)), Int64(DayValues.DayOf(end - 1)));
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            return await PackedValues.ReadAsync(reader, stations, start, end, cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw Wrap(e, "reading packed days");
        }
    }
}
