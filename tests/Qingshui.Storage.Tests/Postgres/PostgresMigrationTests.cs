using Npgsql;
using Qingshui.Storage.Postgres;
using Qingshui.Testing;

namespace Qingshui.Storage.Tests.Postgres;

public sealed class PostgresMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NodesStartingTogether_MigrateOnceBetweenThem()
    {
        string database = await PostgresCluster.CreateDatabaseAsync();

        PostgresStore[] nodes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            PostgresStore.OpenAsync(new PostgresStoreOptions(database), TimeProvider.System, Ct)));

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using var count = new NpgsqlCommand("SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_migrations", connection);
        await using NpgsqlDataReader reader = await count.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);
        Assert.Equal((PostgresStore.Migrations.Count, PostgresStore.Migrations.Count), ((int)reader.GetInt64(0), (int)reader.GetInt64(1)));
        foreach (PostgresStore node in nodes)
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task MigrateAgain_AppliesNothing()
    {
        var options = new PostgresStoreOptions(await PostgresCluster.CreateDatabaseAsync());
        await PostgresStore.MigrateAsync(options, Ct);

        IReadOnlyList<int> again = await PostgresStore.MigrateAsync(options, Ct);

        Assert.Empty(again);
    }
}
