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
        // Once each: as many rows as the migrations the assembly carries, whatever their number grows to.
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
}
