using System.Globalization;
using Microsoft.Extensions.Logging;
using Qingshui.Domain.Network;
using Qingshui.Domain.Readings;
using Qingshui.Hj212;
using Qingshui.Storage;

namespace Qingshui.Server.Ingest;

/// <summary>
/// The server's split-message reassembly: one <see cref="SplitMessageAssembler"/> shared by all connections (a
/// station may reconnect between parts), guarded by a lock, and the "partial" records for series that never complete.
/// </summary>
/// <remarks>
/// <para>Parts waiting for the rest are also held in the store (<see cref="ISplitPartStore"/>), written with their raw
/// packet before they are acknowledged; <see cref="RestoreAsync"/> puts them back after a restart, so the series can
/// still complete.</para>
/// A partial series is stored as a raw-log entry with verdict <see cref="PacketVerdict.PartialSeries"/> (no bytes of its
/// own: its parts are already logged) plus the readings it carries, marked <see cref="ReadingMarks.PartialMessage"/>.
/// </remarks>
internal sealed class SplitAssemblies(StationRegister register, DataTimeWindow window, ServerOptions options, ILogger<SplitAssemblies> logger)
{
    private readonly SplitMessageAssembler _assembler = new(options.SplitTimeout);
    private readonly Lock _lock = new();

    /// <summary>The store key of a part, or <c>null</c> when the message is not a numbered part.</summary>
    public static SplitPartKey? PartOf(Hj212Message message) =>
        SeriesOf(message, message.PacketCount) is SplitSeriesKey series && message.PacketNumber is int number ? new SplitPartKey(series, number) : null;

    /// <summary>The store key of a message's series, or <c>null</c> when it is not split.</summary>
    public static SplitSeriesKey? SeriesOf(Hj212Message message, int? packetCount) =>
        packetCount is int count ? new SplitSeriesKey(message.DeviceId, message.SystemCode, message.Command, count) : null;

    /// <summary>Puts the parts held in the store back into reassembly; their timeout runs from <paramref name="now"/>, since the station could not send while the server was down.</summary>
    public async Task<int> RestoreAsync(ISplitPartStore store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        int restored = 0;
        foreach (StoredRawPacket held in await store.HeldSplitPartsAsync(cancellationToken))
        {
            if (Reparse(held.Packet) is Hj212Message part)
            {
                lock (_lock)
                {
                    _assembler.Add(part, now);
                }

                restored++;
            }
        }

        if (restored > 0)
        {
            Log.SplitPartsRestored(logger, restored);
        }

        return restored;
    }

    private Hj212Message? Reparse(RawPacket packet)
    {
        // The bytes were a whole frame when stored: "##", four length digits, the data segment, CRC and CRLF.
        byte[] bytes = packet.Bytes;
        if (packet.StationId is null || register.Find(packet.StationId) is not Station station || bytes.Length < Hj212.Frame.HeaderLength
            || !int.TryParse(bytes.AsSpan(2, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int length)
            || bytes.Length < Hj212.Frame.HeaderLength + length)
        {
            return null;
        }

        var options = new MessageParseOptions(station.UtcOffset, StationRegister.EditionOf(station));
        MessageParseResult parsed = MessageParser.Parse(bytes.AsSpan(Hj212.Frame.HeaderLength, length), options);
        return parsed.Success ? parsed.Message : null;
    }

    /// <summary>Forgets a series another node completed or ended, so it does not expire here as a partial one.</summary>
    public void Forget(SplitSeriesKey series)
    {
        lock (_lock)
        {
            _assembler.Remove(series.StationId, series.SystemCode, series.Command, series.PacketCount);
        }
    }

    public SplitAddResult Add(Hj212Message part, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _assembler.Add(part, now);
        }
    }

    public IReadOnlyList<IngestRecord> Expire(DateTimeOffset now)
    {
        IReadOnlyList<PartialMessage> expired;
        lock (_lock)
        {
            expired = _assembler.Expire(now);
        }

        var records = new List<IngestRecord>();
        foreach (PartialMessage partial in expired)
        {
            if (register.Find(partial.Message.DeviceId) is Station station)
            {
                records.Add(PartialRecord(partial, station, "split-reassembly", now));
            }
        }

        return records;
    }

    public IngestRecord PartialRecord(PartialMessage partial, Station station, string remote, DateTimeOffset now)
    {
        string parts = string.Join(",", partial.ReceivedParts.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        Log.PartialSplit(logger, station.DeviceId, partial.Message.Command, partial.Reason.ToString(), parts, partial.PacketCount);
        IReadOnlyList<Reading> readings = ReadingMapper.KindOf(partial.Message.Command) is ReadingKind kind
            ? ReadingMapper.Map(partial.Message, kind, station, ReadingMarks.PartialMessage)
            : [];
        string reason = $"split message {partial.Reason}: received parts {parts} of {partial.PacketCount}";
        if (partial.Message.Data.DataTime is DateTimeOffset dataTime && window.Check(dataTime, now) is string outside)
        {
            readings = [];
            reason += "; " + outside;
        }
        return new IngestRecord(new RawPacket(now, remote, station.DeviceId, partial.Message.Command, PacketVerdict.PartialSeries, reason, []), readings)
        {
            EndsSplitSeries = SeriesOf(partial.Message, partial.PacketCount),
        };
    }
}
