using Microsoft.Data.Sqlite;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Storage.Tests;

public sealed class SqliteStoreTests : ReadingStoreContractTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("qingshui-store-").FullName;

    private string DatabasePath => Path.Combine(_directory, "qingshui.db");

    protected override async Task<IReadingStore> OpenAsync() =>
        await SqliteStore.OpenAsync(new SqliteStoreOptions(DatabasePath), TimeProvider.System, TestContext.Current.CancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Reopen_KeepsDataAndDoesNotMigrateTwice()
    {
        await Store.WriteAsync([new IngestRecord(Packet("p"), [Reading("w21003", 0.42m)])], TestContext.Current.CancellationToken);
        await Store.DisposeAsync();

        await using SqliteStore reopened = await SqliteStore.OpenAsync(new SqliteStoreOptions(DatabasePath), TimeProvider.System, TestContext.Current.CancellationToken);

        Assert.Equal(new StoreCounts(1, 0, 1), await reopened.CountAsync(TestContext.Current.CancellationToken));
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM schema_migrations";
        long migrations = typeof(SqliteStore).Assembly.GetManifestResourceNames().Count(n => n.EndsWith(".sql", StringComparison.Ordinal));
        Assert.Equal(migrations, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        SqliteConnection.ClearAllPools();
        Store = await OpenAsync();
    }

    [Fact]
    public async Task RawPackets_CannotBeUpdatedOrDeleted()
    {
        await Store.WriteAsync([new IngestRecord(Packet("p"), [])], TestContext.Current.CancellationToken);
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        foreach (string sql in new[] { "UPDATE raw_packets SET reason = 'x'", "DELETE FROM raw_packets", "DELETE FROM readings" })
        {
            await using SqliteCommand command = connection.CreateCommand();
            command.CommandText = sql;
            if (sql.Contains("readings", StringComparison.Ordinal))
            {
                await Store.WriteAsync([new IngestRecord(Packet("q"), [Reading("w21003", 1)])], TestContext.Current.CancellationToken);
            }

            SqliteException error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
            Assert.Contains(sql.Contains("readings", StringComparison.Ordinal) ? "never deleted" : "append-only", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SplitParts_AreHeldWithTheirPacket_UntilTheirSeriesEnds()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var series = new SplitSeriesKey("MN1", "21", "2061", 3);
        var sqlite = (SqliteStore)Store;
        await Store.WriteAsync([
            new IngestRecord(Packet("part 1"), []) { HoldsSplitPart = new SplitPartKey(series, 1) },
            new IngestRecord(Packet("part 2"), []) { HoldsSplitPart = new SplitPartKey(series, 2) },
            new IngestRecord(Packet("other series"), []) { HoldsSplitPart = new SplitPartKey(series with { PacketCount = 2 }, 1) },
        ], ct);

        Assert.Equal(["part 1", "part 2", "other series"], (await sqlite.HeldSplitPartsAsync(ct)).Select(p => System.Text.Encoding.ASCII.GetString(p.Packet.Bytes)));
        await Store.WriteAsync([new IngestRecord(Packet("part 3, completing"), []) { EndsSplitSeries = series }], ct);

        Assert.Equal(["other series"], (await sqlite.HeldSplitPartsAsync(ct)).Select(p => System.Text.Encoding.ASCII.GetString(p.Packet.Bytes)));
    }

    [Fact]
    public async Task DeleteRejectedBefore_DeletesOnlyOldRejects_AndNeverAnAcceptedPacket()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var sqlite = (SqliteStore)Store;
        await Store.WriteAsync([
            new IngestRecord(Packet("accepted"), [Reading("w21003", 0.42m)]),
            new IngestRecord(Packet("garbage", PacketVerdict.Rejected, "CrcMismatch"), []),
            new IngestRecord(Packet("stranger", PacketVerdict.Quarantined, "unknown MN"), []),
        ], ct);
        long kept = await sqlite.RejectedBytesAsync(ct);

        RejectedDeletion none = await sqlite.DeleteRejectedBeforeAsync(Hour, 10, ct);
        RejectedDeletion first = await sqlite.DeleteRejectedBeforeAsync(Hour.AddDays(1), 1, ct);
        RejectedDeletion rest = await sqlite.DeleteRejectedBeforeAsync(Hour.AddDays(1), 10, ct);

        Assert.Equal(new RejectedDeletion(0, 0), none);
        Assert.Equal((1, 1), (first.Packets, rest.Packets));
        Assert.Equal(kept, first.Bytes + rest.Bytes);
        Assert.Equal(RejectedSize.Of(Packet("garbage", PacketVerdict.Rejected, "CrcMismatch")) + RejectedSize.Of(Packet("stranger", PacketVerdict.Quarantined, "unknown MN")), kept);
        Assert.Equal(["accepted"], (await Store.RawPacketsAsync(null, 10, ct)).Select(p => System.Text.Encoding.ASCII.GetString(p.Packet.Bytes)));
        Assert.Equal(["accepted"], (await Store.RawPacketsAsync("M1", 10, ct)).Select(p => System.Text.Encoding.ASCII.GetString(p.Packet.Bytes)));
        Assert.Equal(0, await sqlite.RejectedBytesAsync(ct));
    }

    [Fact]
    public async Task DropCounts_AddUpPerDayAndScope()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var sqlite = (SqliteStore)Store;
        var day = new DateOnly(2026, 11, 30);

        await sqlite.AddDropCountsAsync([new DropCount(day, "total", 2, 900), new DropCount(day, "refused-total", 5, 0)], ct);
        await sqlite.AddDropCountsAsync([new DropCount(day, "total", 1, 100)], ct);

        Assert.Equal([new DropCount(day, "refused-total", 5, 0), new DropCount(day, "total", 3, 1000)], await sqlite.DropCountsAsync(ct));
    }
}
