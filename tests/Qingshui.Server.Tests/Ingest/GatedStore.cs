using Qingshui.Domain.Readings;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Ingest;

/// <summary>A store whose writes wait at a gate (a stalled disk) or fail (a broken one), around a real store.</summary>
internal sealed class GatedStore(IReadingStore inner) : IReadingStore
{
    private volatile TaskCompletionSource _gate = NewOpenGate();

    public int WritesStarted;

    public bool Fail { get; set; }

    public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _gate.TrySetResult();

    public async Task<IngestBatchResult> WriteAsync(IReadOnlyList<IngestRecord> batch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref WritesStarted);
        await _gate.Task;
        if (Fail)
        {
            throw new StoreException("disk failed", isTransient: false);
        }

        return await inner.WriteAsync(batch, cancellationToken);
    }

    public Task<IReadOnlyList<StoredReading>> ReadingsAsync(ReadingQuery query, CancellationToken cancellationToken) => inner.ReadingsAsync(query, cancellationToken);

    public Task<IReadOnlyList<ReadingValue>> ValuesAsync(ReadingQuery query, CancellationToken cancellationToken) => inner.ValuesAsync(query, cancellationToken);

    public Task<IReadOnlyList<StoredReading>> RevisionsAsync(string stationId, string parameter, ReadingKind kind, DateTimeOffset periodStart, CancellationToken cancellationToken) =>
        inner.RevisionsAsync(stationId, parameter, kind, periodStart, cancellationToken);

    public Task<IReadOnlyList<StoredRawPacket>> RawPacketsAsync(string? stationId, int limit, CancellationToken cancellationToken) =>
        inner.RawPacketsAsync(stationId, limit, cancellationToken);

    public Task<IReadOnlyList<StoredRawPacket>> RawPacketsAsync(RawPacketQuery query, CancellationToken cancellationToken) => inner.RawPacketsAsync(query, cancellationToken);

    public Task<StoreCounts> CountAsync(CancellationToken cancellationToken) => inner.CountAsync(cancellationToken);

    public Task<IReadOnlyList<StationActivity>> StationActivityAsync(CancellationToken cancellationToken) => inner.StationActivityAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private static TaskCompletionSource NewOpenGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }
}
