using Qingshui.Hj212;
using Qingshui.Storage;

namespace Qingshui.Server.Ingest;

/// <summary>What one frame leads to: the records to store (durably, before any reply) and the replies to send after.</summary>
/// <param name="Records">Usually one: the raw packet and its readings; a split part that ends an older series adds that series' partial record.</param>
/// <param name="Replies">Framed replies, sent in order once the records are committed.</param>
internal sealed record PacketOutcome(IReadOnlyList<IngestRecord> Records, IReadOnlyList<byte[]> Replies)
{
    /// <summary>The packet, when it passed its station's MN and password checks: its connection now reaches that station.</summary>
    public Hj212Message? Authenticated { get; init; }

    /// <summary>A logger that announced itself (1001), admitted to be held pending: its connection is where its MN will be sent.</summary>
    public Registration.PendingDevice? Announced { get; init; }

    /// <summary>A file a station finished sending, kept (or refused) by <see cref="StationFiles.StationFileReceiver.KeepAsync"/> before the packet is stored.</summary>
    public StationFiles.StationFileDraft? File { get; init; }
}
