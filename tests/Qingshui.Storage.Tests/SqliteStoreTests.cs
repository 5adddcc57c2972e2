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
        Assert.Equal(3L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
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
}
