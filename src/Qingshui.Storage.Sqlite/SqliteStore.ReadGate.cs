using Microsoft.Data.Sqlite;

namespace Qingshui.Storage.Sqlite;

/// <summary>
/// Short reads take one of a few pooled connections at a time, so that many clients asking at once cannot make the
/// store open a connection each (a file handle, a page cache and a mapping apiece, and about 2 ms of CPU to open and
/// parse the schema) for no more throughput than the cores give. The long readers (the network scan, the alert replay)
/// open their own.
/// </summary>
public sealed partial class SqliteStore
{
    private static readonly int MaxShortReads = Math.Max(4, 2 * Environment.ProcessorCount);

    private readonly SemaphoreSlim _shortReads = new(MaxShortReads, MaxShortReads);

    /// <summary>A pooled connection with the readers' pragmas, held until disposed: wait for one, read, dispose.</summary>
    private async Task<ShortRead> OpenShortReadAsync(CancellationToken cancellationToken)
    {
        await _shortReads.WaitAsync(cancellationToken);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            Execute(connection, ReaderPragmas);
            return new ShortRead(connection, _shortReads);
        }
        catch
        {
            await connection.DisposeAsync();
            _shortReads.Release();
            throw;
        }
    }

    private sealed class ShortRead(SqliteConnection connection, SemaphoreSlim gate) : IAsyncDisposable
    {
        public SqliteConnection Connection => connection;

        public async ValueTask DisposeAsync()
        {
            await connection.DisposeAsync();
            gate.Release();
        }
    }
}
