using Npgsql;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// The store on a PostgreSQL cluster, for several server nodes sharing one database. It keeps the same tables, columns
/// and guarantees as the SQLite store (times as Unix milliseconds, append-only logs guarded by triggers, revisions
/// instead of overwrites); each part of the platform's storage is a partial file of this class, beside its SQLite twin.
/// Commits are synchronous: an acknowledgement follows a commit PostgreSQL has made durable.
/// </summary>
public sealed partial class PostgresStore : IPlatformStore
{
    // One key for the whole platform's schema: nodes starting together migrate one after the other.
    private const long MigrationLockKey = 0x5149_4E47_5348_5549; // "QINGSHUI"

    // Statements kept prepared per connection: the ingest path's dozen and the queries the server repeats most.
    private const int StorePreparedStatements = 256;

    private readonly NpgsqlDataSource _source;
    private readonly TimeProvider _clock;
    private int _disposed;

    private PostgresStore(NpgsqlDataSource source, TimeProvider clock)
    {
        _source = source;
        _clock = clock;
    }

    /// <summary>The schema steps this build carries.</summary>
    public static IReadOnlyList<Migration> Migrations { get; } =
        Migration.FromResources(typeof(PostgresStore).Assembly, "Qingshui.Storage.Postgres.Migrations.");

    /// <summary>The database, as the connection string names it (without its password).</summary>
    public string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(_source.ConnectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    /// <summary>Opens the store, bringing the schema up to date first.</summary>
    public static async Task<PostgresStore> OpenAsync(PostgresStoreOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await MigrateAsync(options, cancellationToken);
        return new PostgresStore(CreateStoreSource(options), clock);
    }

    /// <summary>Applies the migrations the database has not seen, under a lock so that nodes starting together do not race.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(PostgresStoreOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using NpgsqlDataSource source = CreateSource(options);
        return await MigrateAsync(source, cancellationToken);
    }

    private static async Task<IReadOnlyList<int>> MigrateAsync(NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        try
        {
            await using NpgsqlConnection connection = await source.OpenConnectionAsync(cancellationToken);
            await ExecuteAsync(connection, $"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            try
            {
                return await MigrationRunner.ApplyAsync(connection, Migrations, cancellationToken);
            }
            finally
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            }
        }
        catch (NpgsqlException e)
        {
            throw Wrap(e, "migrating the schema");
        }
    }

    private static NpgsqlDataSource CreateSource(PostgresStoreOptions options) => new NpgsqlDataSourceBuilder(ConnectionString(options).ConnectionString).Build();

    /// <summary>
    /// The store's own connections, tuned for its traffic: a few statements repeated with every batch and query. The
    /// migrations use plain ones (<see cref="CreateSource"/>), since they hold a session lock.
    /// </summary>
    internal static NpgsqlDataSource CreateStoreSource(PostgresStoreOptions options)
    {
        NpgsqlConnectionStringBuilder builder = ConnectionString(options);
        // Prepared on a connection once used twice, a statement skips PostgreSQL's parse and rewrite from then on. Plans
        // stay custom: a generic plan of the optional-filter queries (`$2 IS NULL OR …`) could be far worse than the
        // one made for the values given.
        if (!builder.ContainsKey("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = StorePreparedStatements;
            builder.AutoPrepareMinUsages = 2;
            builder.Options += " -c plan_cache_mode=force_custom_plan";
        }

        // Nothing the store does outlives its transaction (its advisory locks and settings are transaction-scoped), so a
        // connection going back to the pool needs no DISCARD ALL; an open transaction is still rolled back.
        builder.NoResetOnClose = true;
        return new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }

    private static NpgsqlConnectionStringBuilder ConnectionString(PostgresStoreOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        builder.ApplicationName ??= "qingshui";
        // Every commit waits for the WAL flush, whatever the server's default: acknowledged means durable.
        builder.Options = string.IsNullOrEmpty(builder.Options) ? "-c synchronous_commit=on" : builder.Options + " -c synchronous_commit=on";
        return builder;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _source.DisposeAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static StoreException Wrap(NpgsqlException e, string operation) =>
        // IsTransient covers a dropped connection, a failover and serialization failures: retrying may succeed.
        new($"PostgreSQL failed {operation}: {e.Message}", e.IsTransient, e);
}
