using Microsoft.Data.Sqlite;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Sqlite;

/// <summary>
/// Back-filled readings (<see cref="IBulkReadingStore.LoadAsync"/>) through the writer's batched path: its prepared
/// upsert, one transaction per load, so the revision rule, the review marks and the per-day count triggers apply to
/// them as to ingested readings. A load in time order appends to the readings' hour clustering.
/// </summary>
public sealed partial class SqliteStore : IBulkReadingStore
{
    /// <inheritdoc />
    public async Task<BulkLoadResult> LoadAsync(IReadOnlyList<Reading> readings, CancellationToken cancellationToken)
    {
        BulkLoadInput.ThrowIfRepeated(readings);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            return Load(readings);
        }
        catch (SqliteException e)
        {
            throw Wrap(e, "loading readings");
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private BulkLoadResult Load(IReadOnlyList<Reading> readings)
    {
        long storedAt = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        int written = 0;
        using SqliteTransaction transaction = _writer.BeginTransaction();
        _commands.Enlist(transaction);
        try
        {
            foreach (Reading reading in readings)
            {
                written += _commands.UpsertReading(reading, packetId: null, storedAt) ? 1 : 0;
            }

            transaction.Commit();
        }
        catch
        {
            _commands.RolledBack();
            throw;
        }

        _commands.Committed();
        return new BulkLoadResult(written, readings.Count - written);
    }
}
