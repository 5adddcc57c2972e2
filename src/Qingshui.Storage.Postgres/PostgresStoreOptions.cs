namespace Qingshui.Storage.Postgres;

/// <summary>Which PostgreSQL database the store uses.</summary>
/// <param name="ConnectionString">An Npgsql connection string, e.g. <c>Host=db1;Database=qingshui;Username=qingshui</c>.</param>
public sealed record PostgresStoreOptions(string ConnectionString)
{
    /// <summary>Whether a <c>--db</c> value names a PostgreSQL database (a connection string) rather than a SQLite file.</summary>
    public static bool Names(string database) =>
        database.Contains("Host=", StringComparison.OrdinalIgnoreCase);
}
