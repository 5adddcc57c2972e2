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
/// transfers at once, <see cref="StationFileSettings.MaxOpenTransfersPerStation"/> of one station,
/// <see cref="StationFileSettings.MaxParts"/> parts and <see cref="StationFileSettings.MaxFileBytes"/> bytes each; a
/// transfer not complete within <see cref="StationFileSettings.TransferTimeout"/> of its first part is dropped (by
/// <see cref="ExpireNow"/>, which a timer calls). Held in memory on the node the station is connected to.
/// </summary>
/// <remarks>
/// Each part has its own QN (HJ 212-2017 §6.3.2, Appendix C: the example increments it part by part), so the QN cannot
/// name the transfer. Every part is checked against the parts held: one with a number already held under another QN, or
/// with a DataTime other than theirs, belongs to a new transfer, which replaces the old one; so a file is never joined
/// from two transfers. The same part with the same QN is a retransmission.
/// </remarks>
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

            if (_open.TryGetValue(key, out Transfer? transfer) && transfer.NotOfThisTransfer(number, part) is string replaced)
            {
                // The station began again: what it sent of the old transfer will not be completed, and must not be joined to the new one.
                _open.Remove(key);
                dropped.Add(new DroppedTransfer(key, transfer.Received, $"replaced by a new transfer ({replaced}) before it completed"));
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
                    string reason = $"the station has {settings.MaxOpenTransfersPerStation} file transfers being received already";
                    return Step(TransferStatus.Refused, reason, dropped);
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

            transfer.Set(number, chunk, part);
            if (transfer.Count < key.PacketCount)
            {
                return Step(TransferStatus.Held, null, dropped);
            }

            _open.Remove(key);
            return new TransferStep(TransferStatus.Completed, null, transfer.Chunks!, transfer.First, dropped);
        }
    }

    /// <summary>
    /// Refuses <paramref name="key"/>'s transfer for a part that cannot be read (<paramref name="reason"/>): it can never complete,
    /// so the parts held are dropped and its further parts refused until it would have expired.
    /// </summary>
    public TransferStep Refuse(TransferKey key, string reason, DateTimeOffset now)
    {
        lock (_lock)
        {
            List<DroppedTransfer> dropped = Expire(now);
            if (_open.Remove(key, out Transfer? transfer))
            {
                dropped.Add(new DroppedTransfer(key, transfer.Received, $"refused: {reason}"));
            }

            return Refuse(key, reason, now, dropped);
        }
    }

    /// <summary>Drops transfers past their time: on a timer, so memory is given back without another packet; with every packet too.</summary>
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
        // A file in one packet has no remaining parts: the station's next one is another file.
        if (key.PacketCount > 1 && _refused.Count < settings.MaxOpenTransfers * 4)
        {
            _refused[key] = (now + settings.TransferTimeout, reason);
        }

        return Step(TransferStatus.Refused, reason, dropped);
    }

    private static TransferStep Step(TransferStatus status, string? reason, List<DroppedTransfer> dropped) => new(status, reason, [], null, dropped);

    private sealed class Transfer(int count, DateTimeOffset started)
    {
        private readonly string?[] _requestIds = new string?[count];
        private string? _dataTime;

        public byte[]?[] Chunks { get; } = new byte[]?[count];

        public DateTimeOffset Started { get; } = started;

        public long Size { get; set; }

        public int Count { get; private set; }

        public Hj212Message? First { get; private set; }

        public IReadOnlyList<int> Received => [.. Enumerable.Range(1, Chunks.Length).Where(n => Chunks[n - 1] is not null)];

        // Why the part belongs to another transfer, or null when it may be this one's (a retransmission included).
        public string? NotOfThisTransfer(int number, Hj212Message part)
        {
            if (Chunks[number - 1] is not null && !string.Equals(_requestIds[number - 1], part.RequestId, StringComparison.Ordinal))
            {
                return $"part {number} again, with QN {part.RequestId} instead of {_requestIds[number - 1]}";
            }

            string? dataTime = part.Data.DataTimeText;
            return dataTime is not null && _dataTime is not null && !string.Equals(dataTime, _dataTime, StringComparison.Ordinal)
                ? $"part {number} (QN {part.RequestId}) with DataTime {dataTime}, the parts held {_dataTime}"
                : null;
        }

        public void Set(int number, byte[] chunk, Hj212Message part)
        {
            Chunks[number - 1] = chunk;
            _requestIds[number - 1] = part.RequestId;
            _dataTime ??= part.Data.DataTimeText;
            Count++;
            First = number == 1 ? part : First ?? part;
        }
    }
}
