using System.Text;
using Npgsql;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Storage.Postgres;
using Qingshui.Testing;

namespace Qingshui.Storage.Tests.Postgres;

/// <summary>What only PostgreSQL has to show: several nodes on one database, triggers that guard the logs, partitions made while in use.</summary>
public sealed class PostgresReadingNodesTests
{
    private static readonly DateTimeOffset Hour = new(2024, 6, 1, 8, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RawPacket Packet(string text, string station = "M1", PacketVerdict verdict = PacketVerdict.Accepted) =>
        new(Hour, "127.0.0.1:50000", station, "2061", verdict, verdict == PacketVerdict.Accepted ? null : "CrcMismatch", Encoding.ASCII.GetBytes(text));

    private static Reading Hourly(string station, string parameter, DateTimeOffset start, decimal value) =>
        new(station, parameter, ReadingKind.Hour, start, value, Unit.MilligramPerLitre, "N", true);

    private static Task<PostgresStore> OpenAsync(string database) =>
        PostgresStore.OpenAsync(new PostgresStoreOptions(database), TimeProvider.System, Ct);

    [Fact]
    public async Task TwoNodes_WritingTheSameStationsAtOnce_LoseAndDuplicateNothing()
    {
        // Given two nodes on one database, each writing 30 batches for the same two stations, the readings overlapping
        // (the same hours, other values: revisions) and the packets interleaved with rejects.
        string database = await PostgresCluster.CreateDatabaseAsync();
        await using PostgresStore a = await OpenAsync(database), b = await OpenAsync(database);
        const int Batches = 30;

        async Task RunAsync(PostgresStore node, string name)
        {
            for (int i = 0; i < Batches; i++)
            {
                IngestRecord Record(string station, int part) => new(Packet($"{name}-{i}-{station}-{part}", station),
                    [.. Enumerable.Range(0, 6).Select(h => Hourly(station, "w21003", Hour.AddHours(i + h), (name == "a" ? 1000 : 2000) + i + part))]);
                await node.WriteAsync([
                    Record("M1", 0), Record("M2", 0), new IngestRecord(Packet($"{name}-{i}-bad", "M1", PacketVerdict.Rejected), []), Record("M1", 1),
                ], Ct);
            }
        }

        // When they write at once
        await Task.WhenAll(Task.Run(() => RunAsync(a, "a"), Ct), Task.Run(() => RunAsync(b, "b"), Ct));

        // Then every packet is there once, each station's chain holds its kept packets once and in id order, its log counts
        // them, and each reading's revisions number from 0 without a gap.
        Assert.Equal(2 * Batches * 4, (await a.CountAsync(Ct)).RawPackets);
        foreach ((string station, int kept) in new[] { ("M1", 2 * Batches * 2), ("M2", 2 * Batches) })
        {
            List<StoredRawPacket> chain = [.. (await b.RawPacketsAsync(new RawPacketQuery(station, 1000) { Verdict = PacketVerdict.Accepted }, Ct))];
            Assert.Equal(kept, chain.Count);
            Assert.Equal(chain.Select(p => p.Id).OrderDescending(), chain.Select(p => p.Id));
            Assert.Equal([.. chain.Skip(1).Select(p => p.Id), 0L], chain.Select(p => p.Previous ?? -1));
            StationActivity log = (await a.StationActivityAsync(Ct)).Single(s => s.StationId == station);
            Assert.Equal((chain[0].Id, (long)kept, station == "M1" ? 2L * Batches : 0L), (log.LastPacketId, log.Accepted, log.Rejected));
        }

        IReadOnlyList<StoredReading> readings = await a.ReadingsAsync(new ReadingQuery("M1", null, null, Hour, Hour.AddDays(3)), Ct);
        Assert.Equal(Batches + 5, readings.Count);
        foreach (StoredReading reading in readings)
        {
            IReadOnlyList<StoredReading> revisions = await b.RevisionsAsync("M1", "w21003", ReadingKind.Hour, reading.Reading.PeriodStart, Ct);
            Assert.Equal(Enumerable.Range(0, reading.Revision), revisions.Select(r => r.Revision));
        }
    }

    [Fact]
    public async Task Write_InAMonthWithoutPartition_MakesItAndTheNext_WhileAnotherNodeIsReadingReadings()
    {
        string database = await PostgresCluster.CreateDatabaseAsync();
        await using PostgresStore store = await OpenAsync(database);
        var far = new DateTimeOffset(2071, 3, 10, 0, 0, 0, TimeSpan.FromHours(8));
        await using var reader = new NpgsqlConnection(database);
        await reader.OpenAsync(Ct);
        await using NpgsqlTransaction reading = await reader.BeginTransactionAsync(Ct);
        await using (var select = new NpgsqlCommand("SELECT COUNT(*) FROM readings", reader, reading))
        {
            await select.ExecuteScalarAsync(Ct);
        }

        // The reader's transaction stays open: making the partition must not wait for it.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        await store.WriteAsync([new IngestRecord(Packet("p"), [Hourly("M1", "w21003", far, 1)])], timeout.Token);

        await reading.CommitAsync(Ct);
        await using var partitions = new NpgsqlCommand(
            "SELECT string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relkind = 'r' AND c.relname LIKE 'readings_2071%'", reader);
        Assert.Equal("readings_2071_03,readings_2071_04", await partitions.ExecuteScalarAsync(Ct));
        Assert.Single(await store.ReadingsAsync(new ReadingQuery("M1", "w21003", ReadingKind.Hour, far, far.AddHours(1)), Ct));
    }

    [Fact]
    public async Task RawPacketsAndReadings_CannotBeUpdatedOrDeleted()
    {
        string database = await PostgresCluster.CreateDatabaseAsync();
        await using PostgresStore store = await OpenAsync(database);
        await store.WriteAsync([new IngestRecord(Packet("p"), [Hourly("M1", "w21003", Hour, 1)])], Ct);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);

        foreach ((string sql, string refusal) in new[]
        {
            ("UPDATE raw_packets SET reason = 'x'", "append-only"), ("DELETE FROM raw_packets", "append-only"),
            ("DELETE FROM readings", "never deleted"),
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            PostgresException error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Ct));
            Assert.Contains(refusal, error.MessageText, StringComparison.Ordinal);
        }

        Assert.Equal(new StoreCounts(1, 0, 1), await store.CountAsync(Ct));
    }

    [Fact]
    public async Task Write_FailingMidBatch_StoresNothingOfIt_AndTheConnectionServesTheNextBatch()
    {
        // One pooled connection: the next batch runs where the failed one did.
        string database = await PostgresCluster.CreateDatabaseAsync() + ";Maximum Pool Size=1";
        await using PostgresStore store = await OpenAsync(database);
        await using (var connection = new NpgsqlConnection(database.Replace("Maximum Pool Size=1", "Pooling=false", StringComparison.Ordinal)))
        {
            await connection.OpenAsync(Ct);
            await using var refuse = new NpgsqlCommand("""
                CREATE FUNCTION refuse_part() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no parts today'; END $$;
                CREATE TRIGGER refuse_part BEFORE INSERT ON split_parts FOR EACH ROW EXECUTE FUNCTION refuse_part();
                """, connection);
            await refuse.ExecuteNonQueryAsync(Ct);
        }

        var part = new SplitPartKey(new SplitSeriesKey("M1", "21", "2061", 2), 1);
        StoreException failed = await Assert.ThrowsAsync<StoreException>(() => store.WriteAsync([
            new IngestRecord(Packet("kept?"), [Hourly("M1", "w21003", Hour, 1)]),
            new IngestRecord(Packet("part"), []) { HoldsSplitPart = part },
        ], Ct));

        Assert.Contains("no parts today", failed.Message, StringComparison.Ordinal);
        Assert.Equal(new StoreCounts(0, 0, 0), await store.CountAsync(Ct));
        Assert.Empty(await store.StationActivityAsync(Ct));
        await store.WriteAsync([new IngestRecord(Packet("next"), [Hourly("M1", "w21003", Hour, 2)])], Ct);
        Assert.Equal(new StoreCounts(1, 0, 1), await store.CountAsync(Ct));
    }
}
