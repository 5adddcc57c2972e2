namespace Qingshui.Storage;

/// <summary>
/// One split message's series (HJ 212-2017 §6.3.2, PNUM/PNO): station, system code, command and part count, the key
/// under which its parts are reassembled.
/// </summary>
/// <param name="StationId">MN.</param>
/// <param name="SystemCode">ST.</param>
/// <param name="Command">CN.</param>
/// <param name="PacketCount">PNUM.</param>
public sealed record SplitSeriesKey(string StationId, string SystemCode, string Command, int PacketCount);

/// <summary>A split part held in the store until its series completes or ends: the series and its part number (PNO).</summary>
/// <param name="Series">Its series.</param>
/// <param name="PacketNumber">PNO, from 1.</param>
public sealed record SplitPartKey(SplitSeriesKey Series, int PacketNumber);

/// <summary>
/// The split parts acknowledged but not yet reassembled. A part is written in the same transaction as its raw packet,
/// so an acknowledged part survives a restart; the series is released in the transaction that stores what it carried.
/// </summary>
public interface ISplitPartStore
{
    /// <summary>The raw packets of every held part, oldest first.</summary>
    Task<IReadOnlyList<StoredRawPacket>> HeldSplitPartsAsync(CancellationToken cancellationToken);
}
