using Microsoft.Data.Sqlite;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Writes go through one connection with prepared statements,
/// one transaction per batch (group commit); reads use pooled connections alongside.
/// </summary>
public sealed partial class SqliteStore : IPlatformStore
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TimeProvider _clock;
    private readonly WriteCommands _commands;
    private int _disposed;

    private SqliteStore(string connectionString, SqliteConnection writer, TimeProvider clock)
    {
        _connectionString = connectionString;
        _writer = writer;
        _clock = clock;
        _commands = new WriteCommands(writer);
    }

    /// <summary>The database file.</summary>
    public string Path => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    // The writer's page cache (SQLite's default is 2 MiB). Every reading upserts its row and its day rows, whose index
    // pages for a thousand stations outgrow the default and were read again from the file batch after batch: 64 MiB took
    // about 12 % off the server's CPU per reading under benchmarks/load.sh (docs/performance.md), for up to 64 MiB of memory.
    private const int WriterCacheKiB = 64 * 1024;

    /// <summary>Opens (creating and migrating if needed) the database.</summary>
    public static async Task<SqliteStore> OpenAsync(SqliteStoreOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(options.Path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        string connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        var writer = new SqliteConnection(connectionString);
        try
        {
            await writer.OpenAsync(cancellationToken);
            Execute(writer, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={(options.FullSync ? "FULL" : "NORMAL")}; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; PRAGMA cache_size=-{WriterCacheKiB};");
            await MigrationRunner.ApplyAsync(writer, SqliteMigrations.All, cancellationToken);
            return new SqliteStore(connectionString, writer, clock);
        }
        catch (SqliteException e)
        {
            await writer.DisposeAsync();
            throw Wrap(e, $"opening {options.Path}");
        }
    }

    /// <inheritdoc />
    public async Task<IngestBatchResult> WriteAsync(IReadOnlyList<IngestRecord> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            return WriteBatch(batch);
        }
        catch (SqliteException e)
        {
            throw Wrap(e, "writing a batch");
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private IngestBatchResult WriteBatch(IReadOnlyList<IngestRecord> batch)
    {
        long storedAt = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        int written = 0, unchanged = 0;
        using SqliteTransaction transaction = _writer.BeginTransaction();
        _commands.Enlist(transaction);
        try
        {
            foreach (IngestRecord record in batch)
            {
                long packetId = _commands.InsertPacket(record.Packet);
                if (record.EndsSplitSeries is SplitSeriesKey ended)
                {
                    _commands.ReleaseSplitSeries(ended);
                }

                if (record.HoldsSplitPart is SplitPartKey part)
                {
                    _commands.HoldSplitPart(part, packetId);
                }

                foreach (Reading reading in record.Readings)
                {
                    if (_commands.UpsertReading(reading, packetId, storedAt))
                    {
                        written++;
                    }
                    else
                    {
                        unchanged++;
                    }
                }
            }

            _commands.WriteStationLog();
            transaction.Commit();
        }
        catch
        {
            _commands.RolledBack();
            throw;
        }

        _commands.Committed();
        return new IngestBatchResult(batch.Count, written, unchanged);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // A host may stop twice (after a fault, then on shutdown): closing is idempotent.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _writeLock.WaitAsync();
        try
        {
            _commands.Dispose();
            await _writer.DisposeAsync();
        }
        finally
        {
            _writeLock.Release();
            _writeLock.Dispose();
        }
    }

    // Rows read inside a write transaction, so a read-modify-write sees exactly what it is about to change.
    private static List<T> ReadInTransaction<T>(
        SqliteConnection connection, SqliteTransaction transaction, string sql, string parameter, string value, Func<SqliteDataReader, T> read)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue(parameter, value);
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static StoreException Wrap(SqliteException e, string operation)
    {
        // SQLITE_BUSY (5) and SQLITE_LOCKED (6) clear up on their own; everything else needs attention.
        bool transient = e.SqliteErrorCode is 5 or 6;
        return new StoreException($"SQLite failed {operation}: {e.Message}", transient, e);
    }
}
