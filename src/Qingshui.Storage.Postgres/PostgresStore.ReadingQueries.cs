using Npgsql;
using NpgsqlTypes;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// The read side of readings and raw packets. Texts are ordered and compared with the "C" collation: byte order, as
/// SQLite's BINARY orders them, whatever the database's default collation.
/// </summary>
public sealed partial class PostgresStore
{
    private const string ReadingColumns =
        "s.station, s.parameter, s.kind, r.period_start, r.utc_offset, r.value, r.unit, r.flag, r.valid, r.marks, r.minimum, r.maximum, r.revision, r.packet_id, r.stored_at, r.screen_rule";

    private const string PacketColumns = "id, received_at, remote, station, command, verdict, reason, bytes";

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredReading>> ReadingsAsync(ReadingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.To <= query.From
            ? Task.FromResult<IReadOnlyList<StoredReading>>([])
            : QueryAsync(RangeQuery(ReadingColumns), command => BindRange(command, query), ReadReading, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReadingValue>> ValuesAsync(ReadingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.To <= query.From)
        {
            return Task.FromResult<IReadOnlyList<ReadingValue>>([]);
        }

        if (DayValues.Covers(query))
        {
            return DayValuesAsync(query, cancellationToken);
        }

        string unitText = "";
        var unit = Unit.Unspecified;
        return QueryAsync(RangeQuery("s.parameter, s.kind, r.period_start, r.utc_offset, r.value, r.unit, r.valid"), command => BindRange(command, query), r =>
        {
            string text = r.GetString(5);
            if (!string.Equals(text, unitText, StringComparison.Ordinal))
            {
                unitText = text;
                _ = UnitText.TryParse(text, out unit);
            }

            return new ReadingValue(r.GetString(0), (ReadingKind)r.GetInt32(1), TimeOf(r.GetInt64(2), r.GetInt32(3)), (decimal)r.GetDouble(4), unit, r.GetInt32(6) != 0);
        }, cancellationToken);
    }

    // One station's series, then each series' range through the readings' key (series, period_start), in the months'
    // partitions the range covers.
    private static string RangeQuery(string columns) =>
        $"""
        SELECT {columns}
        FROM series s JOIN readings r ON r.series = s.id
        WHERE s.station = $1 AND ($2::text IS NULL OR s.parameter = $2) AND ($3::integer IS NULL OR s.kind = $3)
          AND r.period_start >= $4 AND r.period_start < $5
          AND ($6::text IS NULL OR s.parameter COLLATE "C" > $6
               OR (s.parameter = $6 AND (s.kind > $7 OR (s.kind = $7 AND r.period_start > $8))))
        ORDER BY s.parameter COLLATE "C", s.kind, r.period_start
        LIMIT $9
        """;

    private static void BindRange(NpgsqlCommand command, ReadingQuery query)
    {
        ReadingPosition? after = query.After;
        Bind(command, Text(query.StationId), Text(query.Parameter), Int32(query.Kind is ReadingKind kind ? (int)kind : null),
            Int64(query.From.ToUnixTimeMilliseconds()), Int64(query.To.ToUnixTimeMilliseconds()),
            Text(after?.Parameter), Int32(after is ReadingPosition k ? (int)k.Kind : null), Int64(after?.PeriodStart.ToUnixTimeMilliseconds()), Int64(query.Limit));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredReading>> RevisionsAsync(
        string stationId, string parameter, ReadingKind kind, DateTimeOffset periodStart, CancellationToken cancellationToken) =>
        QueryAsync(
            $"""
            SELECT {ReadingColumns} FROM reading_revisions r JOIN series s ON s.id = r.series
            WHERE s.station = $1 AND s.parameter = $2 AND s.kind = $3 AND r.period_start = $4
            ORDER BY r.revision
            """,
            command => Bind(command, Text(stationId), Text(parameter), Int32((int)kind), Int64(periodStart.ToUnixTimeMilliseconds())),
            ReadReading, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredRawPacket>> RawPacketsAsync(string? stationId, int limit, CancellationToken cancellationToken) =>
        QueryAsync(
            stationId is null
                ? $"""
                  (SELECT {PacketColumns} FROM raw_packets ORDER BY id DESC LIMIT $2)
                  UNION ALL
                  (SELECT {PacketColumns} FROM rejected_packets ORDER BY id DESC LIMIT $2)
                  ORDER BY id DESC LIMIT $2
                  """
                : $"""
                  WITH RECURSIVE chain (id, n) AS (
                      SELECT last_packet, 1 FROM station_log WHERE station = $1
                      UNION ALL
                      SELECT p.previous, n + 1 FROM chain JOIN raw_packets p ON p.id = chain.id WHERE p.previous IS NOT NULL AND n < $2)
                  (SELECT p.id, p.received_at, p.remote, p.station, p.command, p.verdict, p.reason, p.bytes FROM chain JOIN raw_packets p ON p.id = chain.id)
                  UNION ALL
                  (SELECT {PacketColumns} FROM rejected_packets
                   WHERE station = $1 OR ($1 = '' AND station IS NULL) ORDER BY id DESC LIMIT $2)
                  ORDER BY id DESC LIMIT $2
                  """,
            command => Bind(command, Text(stationId), Int64(limit)),
            ReadRawPacket,
            cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// A station's kept packets are walked along their chain from <see cref="RawPacketQuery.ChainFrom"/>, counting only
    /// those that match, so a page costs its own length; rejects come from their own table by its (station, id) index.
    /// A <see cref="RawPacketQuery.Settled"/> list stops below the lowest number a batch in flight on any node holds
    /// (migration 0013): the batches of several nodes number their packets at once and may commit out of that order.
    /// </remarks>
    public async Task<IReadOnlyList<StoredRawPacket>> RawPacketsAsync(RawPacketQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        long? before = query.Before;
        if (query.Settled)
        {
            // Asked in a statement of its own, before the list's: the list's snapshot then holds every packet below it.
            long settled = (await QueryAsync("SELECT packet_ids_settled()", _ => { }, r => r.GetInt64(0), cancellationToken))[0];
            before = before is long b ? Math.Min(b, settled) : settled;
        }

        bool rejects = query.Verdict is null or PacketVerdict.Rejected or PacketVerdict.Quarantined;
        bool chain = query.ReasonPrefix is null && query.Verdict is not (PacketVerdict.Rejected or PacketVerdict.Quarantined) && query.ChainFrom != 0;
        string chained = query.StationId is null
            ? $"SELECT {PacketColumns}, COALESCE(previous, 0) AS previous FROM raw_packets WHERE ($3::bigint IS NULL OR id < $3) AND ($5::integer IS NULL OR verdict = $5) ORDER BY id DESC LIMIT $2"
            : """
              WITH RECURSIVE chain (id, n) AS (
                  SELECT COALESCE($4::bigint, (SELECT last_packet FROM station_log WHERE station = $1)), 0
                  UNION ALL
                  SELECT p.previous, n + CASE WHEN ($5::integer IS NULL OR p.verdict = $5) AND ($3::bigint IS NULL OR p.id < $3) THEN 1 ELSE 0 END
                  FROM chain JOIN raw_packets p ON p.id = chain.id WHERE p.previous IS NOT NULL AND n < $2)
              SELECT p.id, p.received_at, p.remote, p.station, p.command, p.verdict, p.reason, p.bytes, COALESCE(p.previous, 0) AS previous
              FROM chain JOIN raw_packets p ON p.id = chain.id
              WHERE ($5::integer IS NULL OR p.verdict = $5) AND ($3::bigint IS NULL OR p.id < $3)
              """;
        string rejected = $"""
            SELECT {PacketColumns}, NULL::bigint AS previous FROM rejected_packets
            WHERE {(query.StationId is null ? "TRUE" : "(station = $1 OR ($1 = '' AND station IS NULL))")}
              AND ($3::bigint IS NULL OR id < $3) AND ($5::integer IS NULL OR verdict = $5)
              AND ($6::text IS NULL OR starts_with(reason, $6))
            ORDER BY id DESC LIMIT $2
            """;
        string sql = (chain, rejects) switch
        {
            (true, true) => $"({chained}) UNION ALL ({rejected}) ORDER BY 1 DESC LIMIT $2",
            (true, false) => $"SELECT * FROM ({chained}) c ORDER BY 1 DESC LIMIT $2",
            (false, true) => rejected,
            _ => $"SELECT {PacketColumns}, NULL::bigint FROM rejected_packets WHERE FALSE",
        };
        return await QueryAsync(sql,
            command => Bind(command, Text(query.StationId), Int64(query.Limit), Int64(before), Int64(query.ChainFrom),
                Int32(query.Verdict is PacketVerdict v ? (int)v : null), Text(query.ReasonPrefix)),
            r => ReadRawPacket(r) with { Previous = r.IsDBNull(8) ? null : r.GetInt64(8) },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredRawPacket>> HeldSplitPartsAsync(CancellationToken cancellationToken) =>
        QueryAsync(
            """
            SELECT p.id, p.received_at, p.remote, p.station, p.command, p.verdict, p.reason, p.bytes
            FROM split_parts s JOIN raw_packets p ON p.id = s.packet_id ORDER BY p.id
            """,
            _ => { },
            ReadRawPacket,
            cancellationToken);

    /// <inheritdoc />
    public async Task<StoreCounts> CountAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<StoreCounts> counts = await QueryAsync(
            "SELECT (SELECT COUNT(*) FROM readings), (SELECT COUNT(*) FROM reading_revisions), (SELECT COUNT(*) FROM raw_packets) + (SELECT COUNT(*) FROM rejected_packets)",
            _ => { },
            r => new StoreCounts(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)),
            cancellationToken);
        return counts[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StationActivity>> StationActivityAsync(CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT station, last_packet, last_received, accepted, rejected, quarantined, other FROM station_log ORDER BY station COLLATE \"C\"",
            _ => { },
            r => new StationActivity(r.GetString(0), r.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6)),
            cancellationToken);

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Action<NpgsqlCommand> bind, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        try
        {
            await using NpgsqlCommand command = _source.CreateCommand(sql);
            bind(command);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            var results = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                results.Add(read(reader));
            }

            return results;
        }
        catch (NpgsqlException e)
        {
            throw Wrap(e, "reading");
        }
    }

    // Positional parameters $1, $2, … in order, each typed, so that a NULL or an unused one still has a type.
    private static void Bind(NpgsqlCommand command, params NpgsqlParameter[] parameters) => command.Parameters.AddRange(parameters);

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Int64(long? value) => new() { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Int32(int? value) => new() { NpgsqlDbType = NpgsqlDbType.Integer, Value = (object?)value ?? DBNull.Value };

    private static DateTimeOffset TimeOf(long unixMilliseconds, int offsetMinutes) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).ToOffset(TimeSpan.FromMinutes(offsetMinutes));

    private static StoredRawPacket ReadRawPacket(NpgsqlDataReader r) => new(r.GetInt64(0), new RawPacket(
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2), NullableString(r, 3), NullableString(r, 4),
        (PacketVerdict)r.GetInt32(5), NullableString(r, 6), r.GetFieldValue<byte[]>(7)));

    private static StoredReading ReadReading(NpgsqlDataReader r)
    {
        _ = UnitText.TryParse(r.GetString(6), out Unit unit);
        var reading = new Reading(
            r.GetString(0), r.GetString(1), (ReadingKind)r.GetInt32(2), TimeOf(r.GetInt64(3), r.GetInt32(4)),
            (decimal)r.GetDouble(5), unit, NullableString(r, 7), r.GetInt32(8) != 0, (ReadingMarks)r.GetInt32(9),
            r.IsDBNull(10) ? null : (decimal)r.GetDouble(10), r.IsDBNull(11) ? null : (decimal)r.GetDouble(11))
        {
            ScreenRule = NullableString(r, 15),
        };
        return new StoredReading(reading, r.GetInt32(12), r.IsDBNull(13) ? null : r.GetInt64(13), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(14)));
    }

    private static string? NullableString(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}
