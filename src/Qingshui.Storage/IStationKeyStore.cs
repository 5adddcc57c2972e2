namespace Qingshui.Storage;

/// <summary>
/// A station's HJ 212-2025 data-area keys as stored: every key is sealed by the server key before it reaches the store
/// (the store never sees one in clear), so these are opaque bytes.
/// </summary>
/// <param name="StationId">The station's MN.</param>
/// <param name="Current">The key the station's data areas are read with now (sealed).</param>
/// <param name="Previous">The key replaced by the last exchange, still accepted until <paramref name="PreviousUntil"/> (sealed).</param>
/// <param name="PreviousUntil">End of the window in which <paramref name="Previous"/> is still accepted.</param>
/// <param name="ChangedAt">When the record last changed.</param>
public sealed record StationKeyRecord(
    string StationId, byte[] Current, byte[]? Previous, DateTimeOffset? PreviousUntil, DateTimeOffset ChangedAt);

/// <summary>Where stations' data-area keys are kept (sealed), next to the station register.</summary>
public interface IStationKeyStore
{
    /// <summary>Every station's key record.</summary>
    Task<IReadOnlyList<StationKeyRecord>> StationKeysAsync(CancellationToken cancellationToken);

    /// <summary>Writes a station's key record in place of the one it had.</summary>
    Task PutStationKeyAsync(StationKeyRecord record, CancellationToken cancellationToken);
}
