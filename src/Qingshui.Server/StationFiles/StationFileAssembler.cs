using Qingshui.Hj212;

namespace Qingshui.Server.StationFiles;

/// <summary>Which transfer a packet belongs to: as split messages are told apart (station, ST, CN, PNUM).</summary>
internal readonly record struct TransferKey(string StationId, string SystemCode, string Command, int PacketCount);

/// <summary>What a packet of a file transfer did.</summary>
internal enum TransferStatus
{
    /// <summary>Held until the rest arrives.</summary>
    Held,

    /// <summary>A part already held, sent again.</summary>
    Duplicate,

    /// <summary>The transfer is refused (<see cref="TransferStep.Reason"/>); its further parts are refused too until it would have expired.</summary>
    Refused,

    /// <summary>The last missing part: <see cref="TransferStep.Chunks"/> holds every part's content in PNO order.</summary>
    Completed,
}

/// <summary>A transfer dropped before it completed: its parts were too slow, or a new transfer replaced it.</summary>
internal sealed record DroppedTransfer(TransferKey Key, IReadOnlyList<int> Received, string Reason);

/// <summary>The answer for one packet, with the transfers found expired meanwhile.</summary>
internal sealed record TransferStep(
    TransferStatus Status, string? Reason, IReadOnlyList<byte[]> Chunks, Hj212Message? First, IReadOnlyList<DroppedTransfer> Dropped);

/// <summary>
/// Reassembles files sent in several packets (PNUM/PNO) like split messages, but keeping each part's content as sent
/// (a split message's merge keeps readings, not text). Bounded: at most <see cref="StationFileSettings.MaxOpenTransfers"/>
/// transfers at once (<see cref="StationFileSettings.MaxOpenTransfersPerStation"/> of one station),
/// <see cref="StationFileSettings.MaxParts"/> parts and <see cref="StationFileSettings.MaxFileBytes"/> bytes each; a transfer not complete within <see cref="StationFileSettings.TransferTimeout"/> of its first part is
/// dropped (found on the next packet of any station). Held in memory on the node the station is connected to.
/// </summary>
internal sealed class StationFileAssembler(StationFileSettings settings)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TransferKey, Transfer> _open = [];
    private readonly Dictionary<TransferKey, (DateTimeOffset Until, string Reason)> _refused = [];

    /// <summary>Transfers being reassembled.</summary>
    public int OpenTransfers
    {
        get
        {
            lock (_lock)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>Adds part <paramref name="number"/> of <paramref name="key"/>'s transfer, whose content is <paramref name="chunk"/>.</summary>
    public TransferStep Add(TransferKey key, int number, byte[] chunk, Hj212Message part, DateTimeOffset now)
    {
        lock (_lock)
        {
            var dropped = Expire(now);
            if (_refused.TryGetValue(key, out var refused))
            {
                return Step(TransferStatus.Refused, refused.Reason, dropped);
            }

            if (number < 1 || number > key.PacketCount)
            {
                return Step(TransferStatus.Refused, $"PNO {number} is outside 1–{key.PacketCount} (PNUM)", dropped);
            }

            if (key.PacketCount > settings.MaxParts)
            {
                return Refuse(key, $"PNUM {key.PacketCount} is more than the {settings.MaxParts} parts a file may be sent in", now, dropped);
            }

            if (_open.TryGetValue(key, out Transfer? transfer) && number == 1 && transfer.Chunks[0] is not null && transfer.First?.RequestId != part.RequestId)
            {
                // The station began again (part 1 once more, with a new QN): what it sent of the old transfer will not be completed.
                _open.Remove(key);
                dropped.Add(new DroppedTransfer(key, transfer.Received, $"replaced by a new transfer (QN {part.RequestId}) before it completed"));
                transfer = null;
            }

            if (transfer is null)
            {
                if (_open.Count >= settings.MaxOpenTransfers)
                {
                    return Step(TransferStatus.Refused, $"{settings.MaxOpenTransfers} file transfers are being received already", dropped);
                }

                if (_open.Keys.Count(k => k.StationId == key.StationId) >= settings.MaxOpenTransfersPerStation)
                {
                    return Step(TransferStatus.Refused, $"{settings.MaxOpenTransfersPerStation} file transfers of this station are being received already", dropped);
                }

                transfer = new Transfer(key.PacketCount, now);
                _open[key] = transfer;
            }

            if (transfer.Chunks[number - 1] is not null)
            {
                return Step(TransferStatus.Duplicate, null, dropped);
            }

            transfer.Size += chunk.Length;
            if (transfer.Size > settings.MaxFileBytes)
            {
                _open.Remove(key);
                return Refuse(key, $"the file is larger than the limit of {settings.MaxFileBytes} bytes", now, dropped);
            }

            transfer.Chunks[number - 1] = chunk;
            transfer.Count++;
            transfer.First = number == 1 ? part : transfer.First ?? part;
            if (transfer.Count < key.PacketCount)
            {
                return Step(TransferStatus.Held, null, dropped);
            }

            _open.Remove(key);
            return new TransferStep(TransferStatus.Completed, null, transfer.Chunks!, transfer.First, dropped);
        }
    }

    /// <summary>Drops transfers past their time; called with every packet, so no timer is needed.</summary>
    public IReadOnlyList<DroppedTransfer> ExpireNow(DateTimeOffset now)
    {
        lock (_lock)
        {
            return Expire(now);
        }
    }

    private List<DroppedTransfer> Expire(DateTimeOffset now)
    {
        var dropped = new List<DroppedTransfer>();
        foreach ((TransferKey key, Transfer transfer) in _open.Where(o => now - o.Value.Started > settings.TransferTimeout).ToList())
        {
            _open.Remove(key);
            dropped.Add(new DroppedTransfer(key, transfer.Received, $"not complete within {settings.TransferTimeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s of its first part"));
        }

        foreach (TransferKey key in _refused.Where(r => r.Value.Until <= now).Select(r => r.Key).ToList())
        {
            _refused.Remove(key);
        }

        return dropped;
    }

    private TransferStep Refuse(TransferKey key, string reason, DateTimeOffset now, List<DroppedTransfer> dropped)
    {
        // Remembered for as long as the transfer could have lasted, so its remaining parts do not start a new one; bounded like the open ones.
        if (_refused.Count < settings.MaxOpenTransfers * 4)
        {
            _refused[key] = (now + settings.TransferTimeout, reason);
        }

        return Step(TransferStatus.Refused, reason, dropped);
    }

    private static TransferStep Step(TransferStatus status, string? reason, List<DroppedTransfer> dropped) => new(status, reason, [], null, dropped);

    private sealed class Transfer(int count, DateTimeOffset started)
    {
        public byte[]?[] Chunks { get; } = new byte[]?[count];

        public DateTimeOffset Started { get; } = started;

        public long Size { get; set; }

        public int Count { get; set; }

        public Hj212Message? First { get; set; }

        public IReadOnlyList<int> Received => [.. Enumerable.Range(1, Chunks.Length).Where(n => Chunks[n - 1] is not null)];
    }
}
