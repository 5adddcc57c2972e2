namespace Qingshui.Storage.Sqlite;

/// <summary>The SQLite schema steps, embedded as <c>Migrations/NNNN_name.sql</c>.</summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
        Migration.FromResources(typeof(SqliteMigrations).Assembly, "Qingshui.Storage.Sqlite.Migrations.");
}
