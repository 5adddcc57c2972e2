using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Storage;
using Qingshui.Storage.Postgres;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Benchmarks;

/// <summary>
/// Durable ingest as the ingest queue commits it, batches of 100 hourly packets × 9 readings from 1,000 stations, into
/// SQLite (synchronous=FULL) and PostgreSQL (synchronous_commit=on) in the same run, rounds interleaved so that both see
/// the same machine load; and, on PostgreSQL, the readings step alone written two ways: the store's multi-row upsert
/// (INSERT … SELECT FROM unnest) against a binary COPY into a staging table followed by INSERT … SELECT … ON CONFLICT.
/// </summary>
internal static class PostgresIngest
{
    private const int Stations = 1000, PacketsPerBatch = 100;
    private static readonly string[] Codes = ["w01010", "w01001", "w01009", "w01014", "w01003", "w01019", "w21003", "w21011", "w21001"];
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly byte[] Raw = new byte[400];

    public static async Task RunAsync(string sqlitePath, string postgres, int rounds, int batchesPerRound)
    {
        await using SqliteStore sqlite = await SqliteStore.OpenAsync(new SqliteStoreOptions(sqlitePath, FullSync: true), TimeProvider.System, default);
        await using PostgresStore pg = await PostgresStore.OpenAsync(new PostgresStoreOptions(postgres), TimeProvider.System, default);
        var runs = new Dictionary<string, Run> { ["sqlite"] = new(sqlite), ["postgres"] = new(pg) };
        var methods = new Dictionary<string, List<double>> { ["unnest upsert"] = [], ["binary COPY + upsert"] = [] };
        await using NpgsqlDataSource source = NpgsqlDataSource.Create(postgres + ";Options=-c synchronous_commit=on");
        int methodBatch = 0;
        for (int round = 0; round < rounds; round++)
        {
            foreach (Run run in round % 2 == 0 ? runs.Values : runs.Values.Reverse())
            {
                await run.WriteAsync(batchesPerRound);
            }

            foreach (string method in round % 2 == 0 ? methods.Keys : methods.Keys.Reverse())
            {
                for (int b = 0; b < batchesPerRound; b++)
                {
                    methods[method].Add(await WriteReadingsAsync(source, method, methodBatch++));
                }
            }
        }

        Console.WriteLine($"{rounds} rounds × {batchesPerRound} batches of {PacketsPerBatch} packets × {Codes.Length} readings, each backend in turn");
        foreach ((string name, Run run) in runs)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-9} {run.Readings / run.Seconds,9:N0} readings/s   commit per batch p50 {Percentile(run.Latencies, 0.5),6:N1} ms   p99 {Percentile(run.Latencies, 0.99),6:N1} ms"));
        }

        Console.WriteLine("PostgreSQL, readings step alone (900 readings a transaction, new keys, durable commit):");
        foreach ((string method, List<double> latencies) in methods)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{method,-22} {900 * latencies.Count / (latencies.Sum() / 1000),9:N0} readings/s   p50 {Percentile(latencies, 0.5),6:N1} ms   p99 {Percentile(latencies, 0.99),6:N1} ms"));
        }

        SqliteConnection.ClearAllPools();
    }

    private static double Percentile(List<double> values, double p)
    {
        List<double> sorted = [.. values.Order()];
        return sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
    }

    // Batch i: stations 100·(i mod 10) … +99, hour i / 10: each station sends one packet an hour, as loggers do.
    private static List<IngestRecord> Batch(int index)
    {
        DateTimeOffset hour = Start.AddHours(index / 10);
        var batch = new List<IngestRecord>(PacketsPerBatch);
        for (int s = 0; s < PacketsPerBatch; s++)
        {
            string mn = $"FFFF0000000000{(index % 10 * PacketsPerBatch) + s:X10}";
            Reading[] readings = [.. Codes.Select((code, k) => new Reading(mn, code, ReadingKind.Hour, hour, 1.25m + k, Unit.MilligramPerLitre, "N", true))];
            batch.Add(new IngestRecord(new RawPacket(DateTimeOffset.UtcNow, "127.0.0.1:1", mn, "2061", PacketVerdict.Accepted, null, Raw), readings));
        }

        return batch;
    }

    private sealed class Run(IReadingStore store)
    {
        private int _next;

        public List<double> Latencies { get; } = [];

        public double Seconds { get; private set; }

        public long Readings { get; private set; }

        public async Task WriteAsync(int batches)
        {
            for (int b = 0; b < batches; b++)
            {
                List<IngestRecord> batch = Batch(_next++);
                long started = Stopwatch.GetTimestamp();
                IngestBatchResult result = await store.WriteAsync(batch, default);
                TimeSpan took = Stopwatch.GetElapsedTime(started);
                Latencies.Add(took.TotalMilliseconds);
                Seconds += took.TotalSeconds;
                Readings += result.ReadingsWritten;
            }
        }
    }

    // The readings of batch i under series numbers of their own (readings.series is no foreign key), one transaction.
    private static async Task<double> WriteReadingsAsync(NpgsqlDataSource source, string method, int index)
    {
        List<(Reading Reading, long Series, long PacketId)> rows = [.. Batch(index).SelectMany((record, s) =>
            record.Readings.Select((r, k) => (r, 1_000_000_000L + (((index % 10 * PacketsPerBatch) + s) * Codes.Length) + k, 0L)))];
        long storedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using NpgsqlConnection connection = await source.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS readings_staging (LIKE readings INCLUDING DEFAULTS) ON COMMIT DELETE ROWS", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        long started = Stopwatch.GetTimestamp();
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync();
        if (method == "unnest upsert")
        {
            await using NpgsqlBatch batch = connection.CreateBatch();
            foreach (ReadingRows round in ReadingRows.Rounds(rows))
            {
                batch.BatchCommands.Add(round.Upsert(storedAt));
            }

            await batch.ExecuteNonQueryAsync();
        }
        else
        {
            await CopyAsync(connection, rows, storedAt);
            string upsert = ReadingRows.UpsertSql[ReadingRows.UpsertSql.IndexOf("ON CONFLICT", StringComparison.Ordinal)..];
            await using var insert = new NpgsqlCommand(
                $"INSERT INTO readings SELECT * FROM readings_staging ORDER BY series, period_start {upsert}", connection);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, List<(Reading Reading, long Series, long PacketId)> rows, long storedAt)
    {
        await using NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(
            "COPY readings_staging (bucket, series, period_start, utc_offset, value, unit, flag, valid, marks, minimum, maximum, packet_id, revision, stored_at, screen_rule) FROM STDIN (FORMAT BINARY)");
        foreach ((Reading r, long series, long packetId) in rows)
        {
            long start = r.PeriodStart.ToUnixTimeMilliseconds();
            await copy.StartRowAsync();
            await copy.WriteAsync(ReadingRows.BucketOf(start), NpgsqlDbType.Bigint);
            await copy.WriteAsync(series, NpgsqlDbType.Bigint);
            await copy.WriteAsync(start, NpgsqlDbType.Bigint);
            await copy.WriteAsync((int)r.PeriodStart.Offset.TotalMinutes, NpgsqlDbType.Integer);
            await copy.WriteAsync((double)r.Value, NpgsqlDbType.Double);
            await copy.WriteAsync(UnitText.Symbol(r.Unit), NpgsqlDbType.Text);
            await WriteNullableAsync(copy, r.Flag, NpgsqlDbType.Text);
            await copy.WriteAsync(r.Valid ? 1 : 0, NpgsqlDbType.Integer);
            await copy.WriteAsync((int)r.Marks, NpgsqlDbType.Integer);
            await WriteNullableAsync(copy, (double?)r.Minimum, NpgsqlDbType.Double);
            await WriteNullableAsync(copy, (double?)r.Maximum, NpgsqlDbType.Double);
            await copy.WriteAsync(packetId, NpgsqlDbType.Bigint);
            await copy.WriteAsync(0, NpgsqlDbType.Integer);
            await copy.WriteAsync(storedAt, NpgsqlDbType.Bigint);
            await WriteNullableAsync(copy, r.ScreenRule, NpgsqlDbType.Text);
        }

        await copy.CompleteAsync();
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type) =>
        value is null ? copy.WriteNullAsync() : copy.WriteAsync(value, type);
}
