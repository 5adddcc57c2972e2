using Npgsql;
using NpgsqlTypes;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// Back-filled readings (<see cref="IBulkReadingStore.LoadAsync"/>) by binary COPY into a staging table, then one
/// <c>INSERT … SELECT … ON CONFLICT</c> into the partitioned readings, all in one transaction. COPY straight into the
/// month's partition would be quicker on an empty store, but it cannot say "the same content again changes nothing",
/// would skip the revision and review rules, and would bypass the statement triggers that keep the per-day counts (they
/// are on the parent table): through staging, a load obeys every rule an ingested batch obeys, and loading a year twice
/// is harmless. The months' partitions are made before the transaction begins.
/// </summary>
public sealed partial class PostgresStore : IBulkReadingStore
{
    private const string StagingTable = """
        CREATE TEMP TABLE bulk_readings (
            bucket bigint, series bigint, period_start bigint, utc_offset integer, value double precision, unit text, flag text,
            valid integer, marks integer, minimum double precision, maximum double precision, screen_rule text) ON COMMIT DROP
        """;

    private const string StagingCopy =
        "COPY bulk_readings (bucket, series, period_start, utc_offset, value, unit, flag, valid, marks, minimum, maximum, screen_rule) FROM STDIN (FORMAT BINARY)";

    // The upsert rule of ReadingRows.UpsertSql (the ingest path), from staging instead of arrays; packet_id stays null.
    private const string StagingUpsert = """
        INSERT INTO readings (bucket, series, period_start, utc_offset, value, unit, flag, valid, marks, minimum, maximum, packet_id, stored_at, screen_rule)
        SELECT b.bucket, b.series, b.period_start, b.utc_offset, b.value, b.unit, b.flag, b.valid, b.marks, b.minimum, b.maximum, NULL, $1, b.screen_rule
        FROM bulk_readings b
        ORDER BY b.series, b.period_start
        ON CONFLICT (series, period_start) DO UPDATE SET
            utc_offset = excluded.utc_offset, value = excluded.value, unit = excluded.unit, flag = excluded.flag, valid = excluded.valid,
            marks = excluded.marks, minimum = excluded.minimum, maximum = excluded.maximum, packet_id = excluded.packet_id,
            revision = readings.revision + 1, stored_at = excluded.stored_at, screen_rule = excluded.screen_rule
        WHERE (readings.marks & 64) = 0 AND (readings.value IS DISTINCT FROM excluded.value OR readings.unit IS DISTINCT FROM excluded.unit
           OR readings.flag IS DISTINCT FROM excluded.flag OR readings.minimum IS DISTINCT FROM excluded.minimum
           OR readings.maximum IS DISTINCT FROM excluded.maximum)
        """;

    /// <inheritdoc />
    public async Task<BulkLoadResult> LoadAsync(IReadOnlyList<Reading> readings, CancellationToken cancellationToken)
    {
        BulkLoadInput.ThrowIfRepeated(readings);
        if (readings.Count == 0)
        {
            return default;
        }

        long storedAt = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            await _partitions.EnsureAsync(_source, [.. readings.Select(r => ReadingPartitions.MonthOf(r.PeriodStart.ToUnixTimeMilliseconds())).Distinct()], cancellationToken);
            return await RetryRolledBackAsync(WriteAttempts, () => LoadOnceAsync(readings, storedAt, cancellationToken));
        }
        catch (NpgsqlException e)
        {
            throw Wrap(e, "loading readings");
        }
    }

    private async Task<BulkLoadResult> LoadOnceAsync(IReadOnlyList<Reading> readings, long storedAt, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await _source.OpenConnectionAsync(cancellationToken);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        Dictionary<SeriesKey, long> series = await SeriesIdsAsync(connection, readings, cancellationToken);
        await using (var create = new NpgsqlCommand(StagingTable, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await CopyToStagingAsync(connection, readings, series, cancellationToken);
        int written;
        await using (var upsert = new NpgsqlCommand(StagingUpsert, connection) { Parameters = { new NpgsqlParameter { Value = storedAt } } })
        {
            written = await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        foreach ((SeriesKey key, long id) in series)
        {
            _seriesIds.TryAdd(key, id);
        }

        return new BulkLoadResult(written, readings.Count - written);
    }

    private static async Task CopyToStagingAsync(
        NpgsqlConnection connection, IReadOnlyList<Reading> readings, Dictionary<SeriesKey, long> series, CancellationToken cancellationToken)
    {
        await using NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(StagingCopy, cancellationToken);
        foreach (Reading r in readings)
        {
            long start = r.PeriodStart.ToUnixTimeMilliseconds();
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(ReadingRows.BucketOf(start), NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(series[SeriesKey.Of(r)], NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(start, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync((int)r.PeriodStart.Offset.TotalMinutes, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync((double)r.Value, NpgsqlDbType.Double, cancellationToken);
            await copy.WriteAsync(UnitText.Symbol(r.Unit), NpgsqlDbType.Text, cancellationToken);
            await WriteOrNullAsync(copy, r.Flag, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(r.Valid ? 1 : 0, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync((int)r.Marks, NpgsqlDbType.Integer, cancellationToken);
            await WriteOrNullAsync(copy, (double?)r.Minimum, NpgsqlDbType.Double, cancellationToken);
            await WriteOrNullAsync(copy, (double?)r.Maximum, NpgsqlDbType.Double, cancellationToken);
            await WriteOrNullAsync(copy, r.ScreenRule, NpgsqlDbType.Text, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static Task WriteOrNullAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken) where T : class =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);

    private static Task WriteOrNullAsync(NpgsqlBinaryImporter copy, double? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is double v ? copy.WriteAsync(v, type, cancellationToken) : copy.WriteNullAsync(cancellationToken);

    // The load's series, made in its transaction when new (numbers become known to the node once it commits).
    private async Task<Dictionary<SeriesKey, long>> SeriesIdsAsync(NpgsqlConnection connection, IReadOnlyList<Reading> readings, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<SeriesKey, long>();
        var unknown = new HashSet<SeriesKey>();
        foreach (Reading r in readings)
        {
            var key = SeriesKey.Of(r);
            if (!ids.ContainsKey(key))
            {
                if (_seriesIds.TryGetValue(key, out long id))
                {
                    ids[key] = id;
                }
                else
                {
                    unknown.Add(key);
                }
            }
        }

        if (unknown.Count == 0)
        {
            return ids;
        }

        object[] keys = [unknown.Select(k => k.Station).ToArray(), unknown.Select(k => k.Parameter).ToArray(), unknown.Select(k => (int)k.Kind).ToArray()];
        await using NpgsqlBatch batch = connection.CreateBatch();
        batch.BatchCommands.Add(Command("""
            INSERT INTO series (station, parameter, kind) SELECT * FROM unnest($1::text[], $2::text[], $3::integer[]) ORDER BY 1, 2, 3
            ON CONFLICT (station, parameter, kind) DO NOTHING
            """, keys));
        batch.BatchCommands.Add(Command("""
            SELECT s.id, s.station, s.parameter, s.kind FROM series s
            JOIN unnest($1::text[], $2::text[], $3::integer[]) AS k (station, parameter, kind)
              ON s.station = k.station AND s.parameter = k.parameter AND s.kind = k.kind
            """, keys));
        await using NpgsqlDataReader reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids[new SeriesKey(reader.GetString(1), reader.GetString(2), (ReadingKind)reader.GetInt32(3))] = reader.GetInt64(0);
        }

        return ids;
    }
}
