using Qingshui.Storage;
using Qingshui.Storage.Postgres;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Server.Cluster;

/// <summary>
/// The one place a store is opened, for the server and every command: a <c>--db</c> value that is a connection string
/// (<c>Host=…</c>) names a PostgreSQL database, anything else a SQLite file.
/// </summary>
internal static class PlatformStores
{
    /// <summary>What <c>--db</c> accepts, for the commands' help.</summary>
    public const string DatabaseHelp =
        "The store: a SQLite file, or a PostgreSQL connection string such as \"Host=db1;Database=qingshui;Username=qingshui\".";

    /// <summary>Whether the value names a PostgreSQL database rather than a SQLite file.</summary>
    public static bool IsPostgres(string database) => PostgresStoreOptions.Names(database);

    /// <summary>The database as it may be shown: a file's full path, or host, port and database without the password.</summary>
    public static string Describe(string database)
    {
        if (!IsPostgres(database))
        {
            return Path.GetFullPath(database);
        }

        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(database);
            return $"{builder.Host}:{builder.Port}/{builder.Database}";
        }
        catch (ArgumentException)
        {
            return "(a connection string that cannot be read)";
        }
    }

    /// <summary>Opens the store, bringing its schema up to date.</summary>
    /// <exception cref="StoreException">The database cannot be opened.</exception>
    public static async Task<IPlatformStore> OpenAsync(string database, TimeProvider clock, bool fullSync, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (IsPostgres(database))
        {
            return await PostgresStore.OpenAsync(ConnectionOptions(database), clock, cancellationToken);
        }

        return await SqliteStore.OpenAsync(new SqliteStoreOptions(database, fullSync), clock, cancellationToken);
    }

    /// <summary>The PostgreSQL options for a connection string, refusing one Npgsql cannot read.</summary>
    /// <exception cref="StoreException">The connection string is malformed.</exception>
    public static PostgresStoreOptions ConnectionOptions(string database)
    {
        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(database);
            return new PostgresStoreOptions(database);
        }
        catch (ArgumentException e)
        {
            throw new StoreException($"the connection string cannot be read: {e.Message}", false, e);
        }
    }
}
