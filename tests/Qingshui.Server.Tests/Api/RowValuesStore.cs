using Qingshui.Domain.Readings;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Api;

/// <summary>
/// A reading store whose values come from the readings row by row (what ValuesAsync answered before the packed days) when
/// <see cref="FromRows"/> is set; otherwise the store's own, packed where it packs.
/// </summary>
internal sealed class RowValuesStore(IReadingStore inner) : IReadingStore
{
    public bool FromRows { get; set; }

    public Task<IngestBatchResult> WriteAsync(IReadOnlyList<IngestRecord> batch, CancellationToken cancellationToken) => inner.WriteAsync(batch, cancellationToken);

    public Task<IReadOnlyList<StoredReading>> ReadingsAsync(ReadingQuery query, CancellationToken cancellationToken) => inner.ReadingsAsync(query, cancellationToken);

    public async Task<IReadOnlyList<ReadingValue>> ValuesAsync(ReadingQuery query, CancellationToken cancellationToken)
    {
        if (!FromRows)
        {
            return await inner.ValuesAsync(query, cancellationToken);
        }

        IReadOnlyList<StoredReading> rows = await inner.ReadingsAsync(query, cancellationToken);
        return [.. rows.Select(r => new ReadingValue(r.Reading.Parameter, r.Reading.Kind, r.Reading.PeriodStart, r.Reading.Value, r.Reading.Unit, r.Reading.Valid))];
    }

    public Task<IReadOnlyList<StoredReading>> RevisionsAsync(string stationId, string parameter, ReadingKind kind, DateTimeOffset periodStart, CancellationToken cancellationToken) =>
        inner.RevisionsAsync(stationId, parameter, kind, periodStart, cancellationToken);

    public Task<IReadOnlyList<StoredRawPacket>> RawPacketsAsync(string? stationId, int limit, CancellationToken cancellationToken) =>
        inner.RawPacketsAsync(stationId, limit, cancellationToken);

    public Task<IReadOnlyList<StoredRawPacket>> RawPacketsAsync(RawPacketQuery query, CancellationToken cancellationToken) => inner.RawPacketsAsync(query, cancellationToken);

    public Task<StoreCounts> CountAsync(CancellationToken cancellationToken) => inner.CountAsync(cancellationToken);

    public Task<IReadOnlyList<StationActivity>> StationActivityAsync(CancellationToken cancellationToken) => inner.StationActivityAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
