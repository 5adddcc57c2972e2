namespace Qingshui.Storage;

/// <summary>Bytes as received on a link, with when, from where and what became of them. Raw packets are append-only.</summary>
/// <param name="ReceivedAt">When the bytes arrived.</param>
/// <param name="Remote">The remote endpoint (address:port).</param>
/// <param name="StationId">The MN the packet claims, when it could be read.</param>
/// <param name="Command">CN, when it could be read.</param>
/// <param name="Verdict">What became of it.</param>
/// <param name="Reason">Why it was rejected or quarantined, with offset and offending text; <c>null</c> when accepted.</param>
/// <param name="Bytes">The exact bytes.</param>
public sealed record RawPacket(DateTimeOffset ReceivedAt, string Remote, string? StationId, string? Command, PacketVerdict Verdict, string? Reason, byte[] Bytes);

/// <summary>A raw packet as stored, with its sequence number.</summary>
/// <param name="Id">Increasing sequence number.</param>
/// <param name="Packet">The packet.</param>
public sealed record StoredRawPacket(long Id, RawPacket Packet)
{
    /// <summary>For a packet of a station's chain (not a reject): the packet before it in the chain, or 0 at the chain's end; <c>null</c> for a reject.</summary>
    public long? Previous { get; init; }
}
