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
/// A partial series is stored as a raw-log entry with verdict <see cref="PacketVerdict.PartialSeries"/> (no bytes of its
/// own: its parts are already logged) plus the readings it carries, marked <see cref="ReadingMarks.PartialMessage"/>.
/// </remarks>
internal sealed class SplitAssemblies(StationRegister register, DataTimeWindow window, ServerOptions options, ILogger<SplitAssemblies> logger)
{
    private readonly SplitMessageAssembler _assembler = new(options.SplitTimeout);
    private readonly Lock _lock = new();

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
            ? ReadingMapper.Map(partial.Message, kind, station, register.Basin.DataFlags, ReadingMarks.PartialMessage)
            : [];
        string reason = $"split message {partial.Reason}: received parts {parts} of {partial.PacketCount}";
        if (partial.Message.Data.DataTime is DateTimeOffset dataTime && window.Check(dataTime, now) is string outside)
        {
            readings = [];
            reason += "; " + outside;
        }
        return new IngestRecord(new RawPacket(now, remote, station.DeviceId, partial.Message.Command, PacketVerdict.PartialSeries, reason, []), readings);
    }
}
