using Qingshui.Domain.Readings;

namespace Qingshui.Storage;

/// <summary>
/// Where readings and raw packets are kept. Implemented for SQLite (embedded, the default) and, next to it,
/// PostgreSQL; callers do not know which.
/// </summary>
/// <remarks>
/// <para><see cref="WriteAsync"/> is durable when its task completes: the caller may acknowledge the data then.
/// Readings are keyed by station, parameter, kind and period start; writing the same content again changes
/// nothing, and different content becomes a new revision while the previous one is kept.</para>
/// <para>Infrastructure failures surface as <see cref="StoreException"/>.</para>
/// </remarks>
public interface IReadingStore : IAsyncDisposable
{
    /// <summary>Appends the raw packets and upserts their readings, all in one transaction.</summary>
    Task<IngestBatchResult> WriteAsync(IReadOnlyList<IngestRecord> batch, CancellationToken cancellationToken);

    /// <summary>Current readings matching the query, ordered by parameter, kind and period start.</summary>
    Task<IReadOnlyList<StoredReading>> ReadingsAsync(ReadingQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Current values matching the query, ordered like <see cref="ReadingsAsync"/> but with only what assessment and charts
    /// use (no revision, packet or marks): read much faster over long ranges.
    /// </summary>
    Task<IReadOnlyList<ReadingValue>> ValuesAsync(ReadingQuery query, CancellationToken cancellationToken);

    /// <summary>Earlier revisions of one reading, oldest first.</summary>
    Task<IReadOnlyList<StoredReading>> RevisionsAsync(string stationId, string parameter, ReadingKind kind, DateTimeOffset periodStart, CancellationToken cancellationToken);

    /// <summary>Raw packets, newest first; filtered by station when given (<c>""</c>: packets no registered station claimed).</summary>
    Task<IReadOnlyList<StoredRawPacket>> RawPacketsAsync(string? stationId, int limit, CancellationToken cancellationToken);

    /// <summary>A page of raw packets, newest first, as <paramref name="query"/> asks (station, verdict, reason, where the previous page ended).</summary>
    Task<IReadOnlyList<StoredRawPacket>> RawPacketsAsync(RawPacketQuery query, CancellationToken cancellationToken);

    /// <summary>How many readings and raw packets are stored.</summary>
    Task<StoreCounts> CountAsync(CancellationToken cancellationToken);

    /// <summary>Each station's newest packet and its packets counted by verdict ('' for bytes no station claimed).</summary>
    Task<IReadOnlyList<StationActivity>> StationActivityAsync(CancellationToken cancellationToken);
}

/// <summary>A station's link activity, from the raw packet log.</summary>
/// <param name="StationId">MN ('' for bytes no station claimed).</param>
/// <param name="LastPacketId">Its newest raw packet.</param>
/// <param name="LastReceived">When that arrived.</param>
/// <param name="Accepted">Packets accepted.</param>
/// <param name="Rejected">Packets rejected by the codec.</param>
/// <param name="Quarantined">Packets quarantined (unknown MN, wrong password).</param>
/// <param name="Other">Split parts, control packets, partial series.</param>
public sealed record StationActivity(string StationId, long LastPacketId, DateTimeOffset LastReceived, long Accepted, long Rejected, long Quarantined, long Other);

/// <summary>Totals in a store.</summary>
/// <param name="Readings">Current readings.</param>
/// <param name="Revisions">Superseded revisions.</param>
/// <param name="RawPackets">Raw packets.</param>
public readonly record struct StoreCounts(long Readings, long Revisions, long RawPackets);
