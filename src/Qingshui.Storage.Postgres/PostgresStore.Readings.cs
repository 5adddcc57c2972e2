using System.Collections.Concurrent;
using Npgsql;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// The write side of readings and raw packets (<see cref="IReadingStore"/>): one transaction per batch, in two round
/// trips. First the batch begins, locks its stations' station_log rows (in key order), numbers its packets and finds its
/// series; then one pipelined round writes the packets, split parts, readings (multi-row upserts) and the stations'
/// counts, and commits. Holding a station's log row makes two nodes writing one station take turns, so its chain of packets
/// stays one chain in id order and no count is lost.
/// </summary>
public sealed partial class PostgresStore : IReadingStore, ISplitPartStore
{
    private const int WriteAttempts = 5;

    // Series numbers committed; a series is never renumbered or removed, so a number once read stays right.
    private readonly ConcurrentDictionary<SeriesKey, long> _seriesIds = new();
    private readonly ReadingPartitions _partitions = new();

    /// <inheritdoc />
    public async Task<IngestBatchResult> WriteAsync(IReadOnlyList<IngestRecord> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        long storedAt = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            await _partitions.EnsureAsync(_source, MonthsOf(batch), cancellationToken);
            return await RetryRolledBackAsync(WriteAttempts, () => WriteOnceAsync(batch, storedAt, cancellationToken));
        }
        catch (NpgsqlException e)
        {
            throw Wrap(e, "writing a batch");
        }
    }

    private async Task<IngestBatchResult> WriteOnceAsync(IReadOnlyList<IngestRecord> batch, long storedAt, CancellationToken cancellationToken)
    {
        // The transaction is begun and committed by statements of the batch's two rounds (a round trip saved over
        // BeginTransaction and Commit): if anything fails, Npgsql rolls back what is open as the connection returns to the pool.
        await using NpgsqlConnection connection = await _source.OpenConnectionAsync(cancellationToken);
        BatchStart start = await StartBatchAsync(connection, batch, cancellationToken);

        var packets = new PacketRows(batch, start.PacketIds, start.Heads);
        await using NpgsqlBatch write = connection.CreateBatch();
        foreach (NpgsqlBatchCommand insert in packets.Inserts())
        {
            write.BatchCommands.Add(insert);
        }

        for (int i = 0; i < batch.Count; i++)
        {
            AddSplitPartCommands(write, batch[i], start.PacketIds[i]);
        }

        List<ReadingRows> rounds = ReadingRows.Rounds(batch.SelectMany((record, i) =>
            record.Readings.Select(r => (r, start.SeriesIds[SeriesKey.Of(r)], start.PacketIds[i]))));
        int firstRound = write.BatchCommands.Count;
        foreach (ReadingRows round in rounds)
        {
            write.BatchCommands.Add(round.Upsert(storedAt));
        }

        write.BatchCommands.Add(packets.StationLogUpdate());
        write.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await write.ExecuteNonQueryAsync(cancellationToken);
        int written = 0;
        for (int i = 0; i < rounds.Count; i++)
        {
            written += write.BatchCommands[firstRound + i].RecordsAffected;
        }

        // Committed: the batch's last statement returned, so PostgreSQL has made it durable (synchronous_commit=on).
        foreach ((SeriesKey key, long id) in start.SeriesIds)
        {
            _seriesIds.TryAdd(key, id);
        }

        return new IngestBatchResult(batch.Count, written, rounds.Sum(r => r.Count) - written);
    }

    /// <summary>What a batch holds once begun: its stations' chain heads (locked), its packets' numbers, its series' numbers.</summary>
    private sealed record BatchStart(Dictionary<string, long?> Heads, long[] PacketIds, Dictionary<SeriesKey, long> SeriesIds);

    private async Task<BatchStart> StartBatchAsync(NpgsqlConnection connection, IReadOnlyList<IngestRecord> batch, CancellationToken cancellationToken)
    {
        string[] stations = [.. batch.Select(r => r.Packet.StationId ?? "").Distinct(StringComparer.Ordinal)];
        var seriesIds = new Dictionary<SeriesKey, long>();
        var unknown = new List<SeriesKey>();
        foreach (SeriesKey key in batch.SelectMany(r => r.Readings).Select(SeriesKey.Of).Distinct())
        {
            if (_seriesIds.TryGetValue(key, out long id))
            {
                seriesIds[key] = id;
            }
            else
            {
                unknown.Add(key);
            }
        }

        await using NpgsqlBatch begin = connection.CreateBatch();
        begin.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        // A station seen for the first time gets its row now, so that it too can be locked; the row goes if the batch rolls back.
        begin.BatchCommands.Add(Command("""
            INSERT INTO station_log (station, last_packet, last_received, accepted, rejected, quarantined, other)
            SELECT s, 0, 0, 0, 0, 0, 0 FROM unnest($1::text[]) AS s ORDER BY s COLLATE "C"
            ON CONFLICT (station) DO NOTHING RETURNING station
            """, (object)stations));
        begin.BatchCommands.Add(Command("SELECT station, last_packet FROM station_log WHERE station = ANY($1) ORDER BY station COLLATE \"C\" FOR UPDATE", (object)stations));
        // Numbers taken with the batch's floor held (migration 0013), so that lists of packets stop short of them until it commits.
        begin.BatchCommands.Add(Command("SELECT packet_ids_take($1)", batch.Count));
        if (unknown.Count > 0)
        {
            object[] keys = [unknown.Select(k => k.Station).ToArray(), unknown.Select(k => k.Parameter).ToArray(), unknown.Select(k => (int)k.Kind).ToArray()];
            begin.BatchCommands.Add(Command("""
                INSERT INTO series (station, parameter, kind) SELECT * FROM unnest($1::text[], $2::text[], $3::integer[]) ORDER BY 1, 2, 3
                ON CONFLICT (station, parameter, kind) DO NOTHING
                """, keys));
            begin.BatchCommands.Add(Command("""
                SELECT s.id, s.station, s.parameter, s.kind FROM series s
                JOIN unnest($1::text[], $2::text[], $3::integer[]) AS k (station, parameter, kind)
                  ON s.station = k.station AND s.parameter = k.parameter AND s.kind = k.kind
                """, keys));
        }

        await using NpgsqlDataReader reader = await begin.ExecuteReaderAsync(cancellationToken);
        var firstSeen = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            firstSeen.Add(reader.GetString(0));
        }

        await reader.NextResultAsync(cancellationToken);
        var heads = new Dictionary<string, long?>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            string station = reader.GetString(0);
            heads[station] = firstSeen.Contains(station) ? null : reader.GetInt64(1);
        }

        await reader.NextResultAsync(cancellationToken);
        var ids = new List<long>(batch.Count);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        if (unknown.Count > 0)
        {
            // The insert returns no rows, and the reader passes over it to the select's.
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                seriesIds[new SeriesKey(reader.GetString(1), reader.GetString(2), (ReadingKind)reader.GetInt32(3))] = reader.GetInt64(0);
            }
        }

        ids.Sort();
        return new BatchStart(heads, [.. ids], seriesIds);
    }

    // As on SQLite: a record first releases the series it ends, then holds the part it is, in the batch's order.
    private static void AddSplitPartCommands(NpgsqlBatch write, IngestRecord record, long packetId)
    {
        if (record.EndsSplitSeries is SplitSeriesKey ended)
        {
            write.BatchCommands.Add(Command(
                "DELETE FROM split_parts WHERE station = $1 AND system_code = $2 AND command = $3 AND packet_count = $4",
                ended.StationId, ended.SystemCode, ended.Command, ended.PacketCount));
        }

        if (record.HoldsSplitPart is SplitPartKey part)
        {
            // A retransmitted part replaces the earlier copy.
            write.BatchCommands.Add(Command("""
                INSERT INTO split_parts (station, system_code, command, packet_count, packet_number, packet_id) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (station, system_code, command, packet_count, packet_number) DO UPDATE SET packet_id = excluded.packet_id
                """, part.Series.StationId, part.Series.SystemCode, part.Series.Command, part.Series.PacketCount, part.PacketNumber, packetId));
        }
    }

    private static List<int> MonthsOf(IReadOnlyList<IngestRecord> batch)
    {
        var months = new HashSet<int>();
        foreach (IngestRecord record in batch)
        {
            foreach (Reading reading in record.Readings)
            {
                months.Add(ReadingPartitions.MonthOf(reading.PeriodStart.ToUnixTimeMilliseconds()));
            }
        }

        return [.. months];
    }

    // An array is one parameter: pass it as (object)array, or it would be taken for the list of parameters.
    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (object value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
