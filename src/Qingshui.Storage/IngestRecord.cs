using Qingshui.Domain.Readings;

namespace Qingshui.Storage;

/// <summary>One raw packet and the readings decoded from it, written in the same transaction.</summary>
/// <param name="Packet">The raw packet.</param>
/// <param name="Readings">Readings decoded from it (none for rejected or quarantined packets).</param>
public sealed record IngestRecord(RawPacket Packet, IReadOnlyList<Reading> Readings)
{
    /// <summary>A split part this packet is, to hold until its series ends (see <see cref="ISplitPartStore"/>).</summary>
    public SplitPartKey? HoldsSplitPart { get; init; }

    /// <summary>A split series this record ends (completed, superseded or timed out): its held parts are released.</summary>
    public SplitSeriesKey? EndsSplitSeries { get; init; }

    /// <summary>
    /// The id of a pending data logger (HJ 212-2025 device registration) assigned an MN on the node that sends this
    /// record: carried by the commit feed only, so that the node holding the logger's connection sends the assignment.
    /// Nothing of it is written with the batch.
    /// </summary>
    public string? AssignsLogger { get; init; }
}

/// <summary>What a batch write did.</summary>
/// <param name="Packets">Raw packets appended.</param>
/// <param name="ReadingsWritten">Readings inserted or revised.</param>
/// <param name="ReadingsUnchanged">Readings that were already stored with the same content (retransmissions).</param>
public readonly record struct IngestBatchResult(int Packets, int ReadingsWritten, int ReadingsUnchanged);
