using Microsoft.Data.Sqlite;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Sqlite;

/// <summary>The read side: each query opens a pooled connection, so reads never wait for the writer (WAL).</summary>
public sealed partial class SqliteStore
{
    // Readings are clustered by hour for appending, so a series over a month touches a page per hour; mapping the file
    // lets those reads skip a system call each and survive the page-cache resets that every commit causes.
    private const string ReaderPragmas = "PRAGMA mmap_size=4294967296;";

    private const string ReadingColumns =
        "s.station, s.parameter, s.kind, r.period_start, r.utc_offset, r.value, r.unit, r.flag, r.valid, r.marks, r.minimum, r.maximum, r.revision, r.packet_id, r.stored_at, r.screen_rule";

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredReading>> ReadingsAsync(ReadingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        long from = query.From.ToUnixTimeMilliseconds(), to = query.To.ToUnixTimeMilliseconds();
        if (to <= from)
        {
            return Task.FromResult<IReadOnlyList<StoredReading>>([]);
        }

        return QueryAsync(RangeQuery(ReadingColumns), command => BindRange(command, query), ReadReading, cancellationToken);
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

        // Each column read costs; the series' own columns are read once per series, not once per row.
        long lastSeries = -1;
        string parameter = "", unitText = "";
        var kind = ReadingKind.RealTime;
        var unit = Unit.Unspecified;
        return QueryAsync(RangeQuery("s.id, s.parameter, s.kind, r.period_start, r.utc_offset, r.value, r.unit, r.valid"), command => BindRange(command, query), r =>
        {
            long series = r.GetInt64(0);
            if (series != lastSeries)
            {
                (lastSeries, parameter, kind) = (series, r.GetString(1), (ReadingKind)r.GetInt32(2));
            }

            string text = r.GetString(6);
            if (!string.Equals(text, unitText, StringComparison.Ordinal))
            {
                unitText = text;
                _ = UnitText.TryParse(text, out unit);
            }

            return new ReadingValue(parameter, kind, DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)).ToOffset(TimeSpan.FromMinutes(r.GetInt32(4))),
                (decimal)r.GetDouble(5), unit, r.GetInt32(7) != 0);
        }, cancellationToken);
    }

    /// <summary>One station's current readings over a range: one seek per series and hour bucket (CROSS JOIN keeps that loop order).</summary>
    private static string RangeQuery(string columns) =>
        $"""
        WITH RECURSIVE hours (bucket) AS (SELECT $first UNION ALL SELECT bucket + 1 FROM hours WHERE bucket < $last)
        SELECT {columns}
        FROM series s CROSS JOIN hours h CROSS JOIN readings r
        WHERE s.station = $station AND ($parameter IS NULL OR s.parameter = $parameter) AND ($kind IS NULL OR s.kind = $kind)
          AND r.bucket = h.bucket AND r.series = s.id AND r.period_start >= $from AND r.period_start < $to
          AND ($afterParameter IS NULL OR s.parameter > $afterParameter
               OR (s.parameter = $afterParameter AND (s.kind > $afterKind OR (s.kind = $afterKind AND r.period_start > $afterStart))))
        ORDER BY s.parameter, s.kind, r.period_start
        LIMIT $limit
        """;

    private static void BindRange(SqliteCommand command, ReadingQuery query)
    {
        long from = query.From.ToUnixTimeMilliseconds(), to = query.To.ToUnixTimeMilliseconds();
        command.Parameters.AddWithValue("$station", query.StationId);
        command.Parameters.AddWithValue("$parameter", (object?)query.Parameter ?? DBNull.Value);
        command.Parameters.AddWithValue("$kind", query.Kind is ReadingKind kind ? (int)kind : DBNull.Value);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        command.Parameters.AddWithValue("$first", WriteCommands.BucketOf(from));
        command.Parameters.AddWithValue("$last", WriteCommands.BucketOf(to - 1));
        ReadingPosition? after = query.After;
        command.Parameters.AddWithValue("$afterParameter", (object?)after?.Parameter ?? DBNull.Value);
        command.Parameters.AddWithValue("$afterKind", after is ReadingPosition k ? (int)k.Kind : DBNull.Value);
        command.Parameters.AddWithValue("$afterStart", after is ReadingPosition t ? t.PeriodStart.ToUnixTimeMilliseconds() : DBNull.Value);
        command.Parameters.AddWithValue("$limit", query.Limit ?? -1);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredReading>> RevisionsAsync(string stationId, string parameter, ReadingKind kind, DateTimeOffset periodStart, CancellationToken cancellationToken) =>
        QueryAsync(
            $"""
            SELECT {ReadingColumns} FROM reading_revisions r JOIN series s ON s.id = r.series
            WHERE s.station = $station AND s.parameter = $parameter AND s.kind = $kind AND r.period_start = $start
            ORDER BY r.revision
            """,
            command =>
            {
                command.Parameters.AddWithValue("$station", stationId);
                command.Parameters.AddWithValue("$parameter", parameter);
                command.Parameters.AddWithValue("$kind", (int)kind);
                command.Parameters.AddWithValue("$start", periodStart.ToUnixTimeMilliseconds());
            },
            ReadReading, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredRawPacket>> RawPacketsAsync(string? stationId, int limit, CancellationToken cancellationToken) =>
        QueryAsync(
            stationId is null
                ? """
                  SELECT * FROM (SELECT id, received_at, remote, station, command, verdict, reason, bytes FROM raw_packets ORDER BY id DESC LIMIT $limit)
                  UNION ALL
                  SELECT * FROM (SELECT id, received_at, remote, station, command, verdict, reason, bytes FROM rejected_packets ORDER BY id DESC LIMIT $limit)
                  ORDER BY id DESC LIMIT $limit
                  """
                : """
                  WITH RECURSIVE chain (id, n) AS (
                      SELECT last_packet, 1 FROM station_log WHERE station = $station
                      UNION ALL
                      SELECT p.previous, n + 1 FROM chain JOIN raw_packets p ON p.id = chain.id WHERE p.previous IS NOT NULL AND n < $limit)
                  SELECT p.id, p.received_at, p.remote, p.station, p.command, p.verdict, p.reason, p.bytes
                  FROM chain JOIN raw_packets p ON p.id = chain.id
                  UNION ALL
                  SELECT * FROM (SELECT id, received_at, remote, station, command, verdict, reason, bytes FROM rejected_packets
                                 WHERE station = $station OR ($station = '' AND station IS NULL) ORDER BY id DESC LIMIT $limit)
                  ORDER BY id DESC LIMIT $limit
                  """,
            command =>
            {
                command.Parameters.AddWithValue("$station", (object?)stationId ?? DBNull.Value);
                command.Parameters.AddWithValue("$limit", limit);
            },
            ReadRawPacket,
            cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// A station's kept packets are walked along their chain from <see cref="RawPacketQuery.ChainFrom"/> (no index by
    /// station: see migration 0001), counting only those that match, so a page costs its own length, not its depth.
    /// Rejects come from their own table by its (station, id) index.
    /// </remarks>
    public Task<IReadOnlyList<StoredRawPacket>> RawPacketsAsync(RawPacketQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        bool rejects = query.Verdict is null or PacketVerdict.Rejected or PacketVerdict.Quarantined;
        bool chain = query.ReasonPrefix is null && query.Verdict is not (PacketVerdict.Rejected or PacketVerdict.Quarantined) && query.ChainFrom != 0;
        string chained = query.StationId is null
            ? "SELECT id, received_at, remote, station, command, verdict, reason, bytes, COALESCE(previous, 0) FROM raw_packets WHERE ($before IS NULL OR id < $before) AND ($verdict IS NULL OR verdict = $verdict) ORDER BY id DESC LIMIT $limit"
            : """
              WITH RECURSIVE chain (id, n) AS (
                  SELECT COALESCE($chainFrom, (SELECT last_packet FROM station_log WHERE station = $station)), 0
                  UNION ALL
                  SELECT p.previous, n + ((p.verdict = $verdict OR $verdict IS NULL) AND ($before IS NULL OR p.id < $before))
                  FROM chain JOIN raw_packets p ON p.id = chain.id WHERE p.previous IS NOT NULL AND n < $limit)
              SELECT p.id, p.received_at, p.remote, p.station, p.command, p.verdict, p.reason, p.bytes, COALESCE(p.previous, 0)
              FROM chain JOIN raw_packets p ON p.id = chain.id
              WHERE ($verdict IS NULL OR p.verdict = $verdict) AND ($before IS NULL OR p.id < $before)
              """;
        string rejected = $"""
            SELECT id, received_at, remote, station, command, verdict, reason, bytes, NULL FROM rejected_packets
            WHERE {(query.StationId is null ? "1" : "(station = $station OR ($station = '' AND station IS NULL))")}
              AND ($before IS NULL OR id < $before) AND ($verdict IS NULL OR verdict = $verdict)
              AND ($reason IS NULL OR substr(reason, 1, length($reason)) = $reason)
            ORDER BY id DESC LIMIT $limit
            """;
        string sql = (chain, rejects) switch
        {
            (true, true) => $"SELECT * FROM ({chained}) UNION ALL SELECT * FROM ({rejected}) ORDER BY 1 DESC LIMIT $limit",
            (true, false) => $"SELECT * FROM ({chained}) ORDER BY 1 DESC LIMIT $limit",
            (false, true) => rejected,
            _ => "SELECT id, received_at, remote, station, command, verdict, reason, bytes, NULL FROM rejected_packets WHERE 0",
        };
        return QueryAsync(sql, command =>
            {
                command.Parameters.AddWithValue("$station", (object?)query.StationId ?? DBNull.Value);
                command.Parameters.AddWithValue("$limit", query.Limit);
                command.Parameters.AddWithValue("$before", (object?)query.Before ?? DBNull.Value);
                command.Parameters.AddWithValue("$chainFrom", (object?)query.ChainFrom ?? DBNull.Value);
                command.Parameters.AddWithValue("$verdict", query.Verdict is PacketVerdict v ? (int)v : DBNull.Value);
                command.Parameters.AddWithValue("$reason", (object?)query.ReasonPrefix ?? DBNull.Value);
            },
            r => ReadRawPacket(r) with { Previous = r.IsDBNull(8) ? null : r.GetInt64(8) },
            cancellationToken);
    }

    private static StoredRawPacket ReadRawPacket(SqliteDataReader r) => new(r.GetInt64(0), new RawPacket(
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2), NullableString(r, 3), NullableString(r, 4),
        (PacketVerdict)r.GetInt32(5), NullableString(r, 6), (byte[])r.GetValue(7)));

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
            "SELECT station, last_packet, last_received, accepted, rejected, quarantined, other FROM station_log ORDER BY station",
            _ => { },
            r => new StationActivity(r.GetString(0), r.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6)),
            cancellationToken);

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        try
        {
            await using ShortRead lease = await OpenShortReadAsync(cancellationToken);
            await using SqliteCommand command = lease.Connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            var results = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                results.Add(read(reader));
            }

            return results;
        }
        catch (SqliteException e)
        {
            throw Wrap(e, "reading");
        }
    }

    private static StoredReading ReadReading(SqliteDataReader r)
    {
        var offset = TimeSpan.FromMinutes(r.GetInt32(4));
        _ = UnitText.TryParse(r.GetString(6), out Unit unit);
        var reading = new Reading(
            r.GetString(0), r.GetString(1), (ReadingKind)r.GetInt32(2),
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)).ToOffset(offset),
            (decimal)r.GetDouble(5), unit, NullableString(r, 7), r.GetInt32(8) != 0, (ReadingMarks)r.GetInt32(9),
            r.IsDBNull(10) ? null : (decimal)r.GetDouble(10), r.IsDBNull(11) ? null : (decimal)r.GetDouble(11))
        {
            ScreenRule = NullableString(r, 15),
        };
        return new StoredReading(reading, r.GetInt32(12), r.IsDBNull(13) ? null : r.GetInt64(13), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(14)));
    }

    private static string? NullableString(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}
