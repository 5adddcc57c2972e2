using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Qingshui.Storage.Cluster;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// Job locks as PostgreSQL session advisory locks (<c>pg_try_advisory_lock</c>) on one connection this node keeps open:
/// a lock lasts as long as that connection, so a node that stops or loses the database lets another take its jobs.
/// A held lock is confirmed at most once a second by a round trip, which notices a lost connection.
/// </summary>
public sealed class PostgresJobLock : IJobLock
{
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);
    private readonly string _connectionString;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _held = new(StringComparer.Ordinal);
    private NpgsqlConnection? _connection;
    private DateTimeOffset _confirmed = DateTimeOffset.MinValue;

    public PostgresJobLock(PostgresStoreOptions options, string node, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Its own connection outside any pool: the locks belong to this session and must not be handed to another user.
        _connectionString = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            ApplicationName = $"qingshui-jobs {node}",
            Pooling = false,
            KeepAlive = 5,
        }.ConnectionString;
        _clock = clock;
    }

    /// <summary>The advisory lock key of a job: the first 8 bytes of SHA-256 over its name, the same on every node.</summary>
    public static long KeyOf(string job) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("qingshui job " + job)), 0);

    public async Task<bool> TryHoldAsync(string job, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            NpgsqlConnection connection = _connection ??= await OpenAsync(cancellationToken);
            if (_held.Contains(job))
            {
                if (_clock.GetUtcNow() - _confirmed >= Recheck)
                {
                    await using var ping = new NpgsqlCommand("SELECT 1", connection);
                    await ping.ExecuteScalarAsync(cancellationToken);
                    _confirmed = _clock.GetUtcNow();
                }

                return true;
            }

            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
            take.Parameters.AddWithValue(KeyOf(job));
            if (await take.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return false;
            }

            _held.Add(job);
            _confirmed = _clock.GetUtcNow();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
        {
            // The session and its locks are gone (or never were): another node may take the jobs now; ask again later.
            await DropConnectionAsync();
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ReleaseAsync(string job, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is not null && _held.Remove(job))
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", _connection);
                release.Parameters.AddWithValue(KeyOf(job));
                await release.ExecuteScalarAsync(cancellationToken);
            }
        }
        catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
        {
            await DropConnectionAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task DropConnectionAsync()
    {
        _held.Clear();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await DropConnectionAsync();
        }
        finally
        {
            _gate.Release();
            _gate.Dispose();
        }
    }
}
