using Qingshui.Domain.Readings;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Api;

/// <summary>A reading store that passes everything to the store it wraps and counts the packed reads of several stations.</summary>
internal sealed class PackedCountingStore(IReadingStore inner) : IReadingStore, IPackedValuesReader
{
    public int PackedReads { get; private set; }

    public Task<PackedValues> PackedValuesAsync(
        IReadOnlyList<string> stations, string parameter, ReadingKind kind, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        PackedReads++;
        return ((IPackedValuesReader)inner).PackedValuesAsync(stations, parameter, kind, from, to, cancellationToken);
    }

    public Task<IngestBatchResult> WriteAsync(IReadOnlyList<IngestRecord> batch, CancellationToken cancellationToken) => inner.WriteAsync(batch, cancellationToken);

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
}
