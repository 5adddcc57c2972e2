using Microsoft.Data.Sqlite;
using Npgsql;
using Qingshui.Storage.Postgres;
using Qingshui.Storage.Sqlite;
using Qingshui.Testing;

namespace Qingshui.Storage.Tests.Postgres;

public sealed class JointSchemaTests
{
    private static readonly string[] JointTables =
    [
        "attachments", "attachment_shares", "meetings", "meeting_decisions", "meeting_ledger_decisions", "receipts", "meeting_reminders",
        "river_chiefs", "patrols", "patrol_findings", "enforcement_cases", "joint_discrepancies", "joint_sampling",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task JointTables_HaveSqlitesColumns_InSqlitesOrder_SoACopyMovesThemAsTheyAre()
    {
        string database = await PostgresCluster.CreateDatabaseAsync();
        await PostgresStore.MigrateAsync(new PostgresStoreOptions(database), Ct);
        string folder = Directory.CreateTempSubdirectory("qingshui-joint-schema-").FullName;
        try
        {
            await (await SqliteStore.OpenAsync(new SqliteStoreOptions(Path.Combine(folder, "q.db")), TimeProvider.System, Ct)).DisposeAsync();
            foreach (string table in JointTables)
            {
                Assert.Equal(await SqliteColumnsAsync(Path.Combine(folder, "q.db"), table), await PostgresColumnsAsync(database, table));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<(string Name, bool NotNull)>> SqliteColumnsAsync(string path, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(Ct);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT name, \"notnull\" OR pk FROM pragma_table_info($table) ORDER BY cid";
        command.Parameters.AddWithValue("$table", table);
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(Ct);
        var columns = new List<(string, bool)>();
        while (await reader.ReadAsync(Ct))
        {
            columns.Add((reader.GetString(0), reader.GetInt64(1) != 0));
        }

        return columns;
    }

    private static async Task<List<(string Name, bool NotNull)>> PostgresColumnsAsync(string database, string table)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT column_name, is_nullable = 'NO' FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table ORDER BY ordinal_position",
            connection);
        command.Parameters.AddWithValue("table", table);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(Ct);
        var columns = new List<(string, bool)>();
        while (await reader.ReadAsync(Ct))
        {
            columns.Add((reader.GetString(0), reader.GetBoolean(1)));
        }

        return columns;
    }
}
