using Microsoft.Data.Sqlite;
using Npgsql;
using Qingshui.Storage.Postgres;
using Qingshui.Storage.Sqlite;
using Qingshui.Testing;

namespace Qingshui.Cli.Tests.Commands;

public sealed class DbCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("qingshui-db-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Migrate_TwoAtOnce_BothSucceed_AndTheSchemaLogHoldsEveryStep()
    {
        string database = await PostgresCluster.CreateDatabaseAsync();

        (int, string, string)[] runs = await Task.WhenAll(CliRunner.RunAsync("db", "migrate", "--db", database), CliRunner.RunAsync("db", "migrate", "--db", database));

        Assert.All(runs, r => Assert.Equal(0, r.Item1));
        Assert.All(runs, r => Assert.Contains("/" + new NpgsqlConnectionStringBuilder(database).Database + ":", r.Item2, StringComparison.Ordinal));
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM schema_migrations", connection);
        Assert.Equal((long)PostgresStore.Migrations.Count, await count.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task Migrate_ASqliteFile_IsAUsageError()
    {
        (int exit, _, string error) = await CliRunner.RunAsync("db", "migrate", "--db", Path.Combine(_directory, "q.db"));

        Assert.Equal(2, exit);
        Assert.Contains("PostgreSQL connection string", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copy_WithoutSqlitePrefix_IsAUsageError_AndAMissingFileIsNamed()
    {
        string database = await PostgresCluster.CreateDatabaseAsync();

        (int plain, _, string plainError) = await CliRunner.RunAsync("db", "copy", "--from", "q.db", "--to", database);
        (int missing, _, string missingError) = await CliRunner.RunAsync("db", "copy", "--from", "sqlite:" + Path.Combine(_directory, "none.db"), "--to", database);

        Assert.Equal((2, "--from: give the SQLite store as sqlite:PATH"), (plain, plainError.Trim()));
        Assert.Equal(1, missing);
        Assert.Contains("none.db: no such database", missingError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copy_TablesThePostgresSchemaLacks_AreListed_AndNothingIsCopied()
    {
        string file = Path.Combine(_directory, "q.db");
        await (await SqliteStore.OpenAsync(new SqliteStoreOptions(file), TimeProvider.System, Ct)).DisposeAsync();
        string database = await PostgresCluster.CreateDatabaseAsync();
        await PostgresStore.MigrateAsync(new PostgresStoreOptions(database), Ct);
        await using (var connection = new NpgsqlConnection(database))
        {
            // A schema that drifted from the build's: a table and a column gone.
            await connection.OpenAsync(Ct);
            await using var drift = new NpgsqlCommand("DROP TABLE audit_log; ALTER TABLE organisations DROP COLUMN name_zh", connection);
            await drift.ExecuteNonQueryAsync(Ct);
        }

        (int exit, string output, string error) = await CliRunner.RunAsync("db", "copy", "--from", "sqlite:" + file, "--to", database);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("audit_log: no such table in PostgreSQL", error, StringComparison.Ordinal);
        Assert.Contains("organisations.name_zh: no such column in PostgreSQL", error, StringComparison.Ordinal);
        Assert.EndsWith("nothing was copied", error.Trim(), StringComparison.Ordinal);
    }
}
