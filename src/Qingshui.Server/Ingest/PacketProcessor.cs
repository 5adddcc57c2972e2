using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Qingshui.Domain.Network;
using Qingshui.Domain.Readings;
using Qingshui.Hj212;
using Qingshui.Server.Keys;
using Qingshui.Server.Registration;
using Qingshui.Storage;

namespace Qingshui.Server.Ingest;

/// <summary>
/// Decides what a well-framed packet means: who sent it (MN and password against the register), what it says
/// (parsed with the station's edition and clock offset), which readings it carries, and what to answer.
/// </summary>
/// <remarks>
/// Unknown MN and wrong password are answered with 9011 (QnRtn 4 and 3) and the packet is quarantined: nothing from it
/// becomes a reading. Uploads asking for an acknowledgement get 9014, which the connection sends only after commit.
/// A station's answers to the host's commands (9011, 9012, a 1061 upload) are stored as control packets, never as
/// rejects; the connection hands them to the command awaiting their QN.
/// </remarks>
internal sealed partial class PacketProcessor(
    StationRegister register, StationKeyRing keys, PendingRegistrations registrations, SplitAssemblies splits, DataTimeWindow window, LogThrottle throttle, TimeProvider clock,
    ILogger<PacketProcessor> logger, StationFiles.StationFileReceiver? files = null)
{
    /// <summary>
    /// Decides a packet: a plain data upload by <see cref="PlainUploadReader"/>, anything else by the full parse. A packet
    /// whose QN a command on this connection awaits (<paramref name="awaited"/>) takes the full parse, since the command
    /// is handed the whole message.
    /// </summary>
    public PacketOutcome Process(byte[] frame, Range dataRange, CrcVerdict crcVerdict, string remote, Func<string, bool>? awaited = null)
    {
        DateTimeOffset now = clock.GetUtcNow();
        ReadOnlySpan<byte> data = frame.AsSpan()[dataRange];
        (string? deviceId, Station? station, StationKeys? stationKeys) = SenderOf(data);
        return station is not null && stationKeys is null && TryPlain(frame, data, station, deviceId!, crcVerdict, remote, now, awaited) is PacketOutcome plain
            ? plain
            : Parsed(frame, data, deviceId, station, stationKeys, crcVerdict, remote, now);
    }

    /// <summary>Decides a packet by the full parse alone (what every packet took before the plain path).</summary>
    internal PacketOutcome ProcessParsed(byte[] frame, Range dataRange, CrcVerdict crcVerdict, string remote)
    {
        ReadOnlySpan<byte> data = frame.AsSpan()[dataRange];
        (string? deviceId, Station? station, StationKeys? stationKeys) = SenderOf(data);
        return Parsed(frame, data, deviceId, station, stationKeys, crcVerdict, remote, clock.GetUtcNow());
    }

    private (string? DeviceId, Station? Station, StationKeys? Keys) SenderOf(ReadOnlySpan<byte> data)
    {
        string? deviceId = MessageParser.TryPeekDeviceId(data, out ReadOnlySpan<byte> mn) ? Encoding.UTF8.GetString(mn) : null;
        Station? station = deviceId is null ? null : register.Find(deviceId);
        StationKeys? stationKeys = station?.Edition == ProtocolEdition.Hj212V2025 ? keys.For(station.DeviceId) : null;
        return (deviceId, station, stationKeys);
    }

    private PacketOutcome Parsed(
        byte[] frame, ReadOnlySpan<byte> data, string? deviceId, Station? station, StationKeys? stationKeys, CrcVerdict crcVerdict, string remote,
        DateTimeOffset now)
    {
        var options = new MessageParseOptions(
            station?.UtcOffset ?? Hj212Time.ChinaStandardOffset, station is null ? null : StationRegister.EditionOf(station), stationKeys?.Current);
        MessageParseResult parsed = MessageParser.Parse(data, options);
        if (!parsed.Success && parsed.Error.Reason == MessageErrorReason.DecryptedNotText && stationKeys?.PreviousAt(now) is IDataAreaCipher previous)
        {
            // HJ 212-2025 key exchange: packets sealed with the replaced key are still read for a bounded window.
            parsed = MessageParser.Parse(data, options with { Cipher = previous });
        }

        if (!parsed.Success)
        {
            string reason = $"{parsed.Error.Reason} at data offset {parsed.Error.Offset}: {Hj212Messages.Describe(parsed.Error.Reason)} '{parsed.Error.Text}'";
            if (ShouldLog(2002, remote, out long suppressed))
            {
                Log.MessageRejected(logger, remote, deviceId, reason, suppressed);
            }

            // Only a registered MN files the reject under a station; an invented one would add a station per packet.
            reason += station is null && deviceId is not null ? $" (names MN '{deviceId}', not registered)" : "";
            return Store(new RawPacket(now, remote, station?.DeviceId, null, PacketVerdict.Rejected, reason, frame));
        }

        Hj212Message message = parsed.Message;
        if (station is null && message.Command == CommandCode.HardwareIdentity)
        {
            return Announce(message, frame, remote, now);
        }

        if (station is null)
        {
            if (ShouldLog(2003, remote, out long suppressed))
            {
                Log.UnknownStation(logger, remote, message.DeviceId, suppressed);
            }

            return Quarantine(message, null, frame, remote, now, RequestReturnCode.DeviceIdError, $"unknown MN '{message.DeviceId}'");
        }

        if (!string.Equals(message.Password, station.Password, StringComparison.Ordinal))
        {
            if (ShouldLog(2004, remote, out long suppressed))
            {
                Log.WrongPassword(logger, remote, message.DeviceId, suppressed);
            }

            return Quarantine(message, station.DeviceId, frame, remote, now, RequestReturnCode.PasswordError, "wrong password");
        }

        if (crcVerdict != CrcVerdict.Hj212)
        {
            Log.CrcTolerated(logger, station.DeviceId, remote, crcVerdict.ToString());
        }

        foreach (MessageError warning in message.Warnings)
        {
            Log.PacketWarning(logger, station.DeviceId, remote, warning.ToString());
        }

        return files?.Carries(station, message.Command) == true ? files.Receive(message, station, frame, remote, now)
            : ReadingMapper.KindOf(message.Command) is ReadingKind kind ? Upload(message, kind, station, frame, crcVerdict, remote, now)
            : Control(message, station, frame, remote, now);
    }

    private PacketOutcome Upload(Hj212Message message, ReadingKind kind, Station station, byte[] frame, CrcVerdict crcVerdict, string remote, DateTimeOffset now)
    {
        Hj212Edition edition = StationRegister.EditionOf(station);
        bool editionMismatch = message.Warnings.Any(w => w.Reason == MessageErrorReason.EditionMismatch);
        ReadingMarks marks = ReadingMapper.MarksOf(crcVerdict, editionMismatch);
        var records = new List<IngestRecord>(1);
        Hj212Message? whole = message;
        PacketVerdict verdict = PacketVerdict.Accepted;
        string? reason = null;
        if (message.PacketCount is not null)
        {
            SplitAddResult split = splits.Add(message, now);
            if (split.Superseded is PartialMessage superseded)
            {
                records.Add(splits.PartialRecord(superseded, station, remote, now));
            }

            whole = split.Status == SplitAddStatus.Completed ? split.Message : null;
            verdict = whole is null ? PacketVerdict.SplitPart : PacketVerdict.Accepted;
            reason = split.Status == SplitAddStatus.Duplicate ? "retransmitted split part" : null;
        }

        IReadOnlyList<Reading> readings = whole is null ? [] : ReadingMapper.Map(whole, kind, station, marks);
        if (whole is not null && whole.Data.DataTime is null)
        {
            verdict = PacketVerdict.Rejected;
            reason = $"no valid DataTime ('{whole.Data.DataTimeText}'): readings cannot be placed in time";
        }
        else if (whole?.Data.DataTime is DateTimeOffset dataTime && OutsideWindow(dataTime, station, remote, now) is string outside)
        {
            verdict = PacketVerdict.Rejected;
            reason = outside;
            readings = [];
        }

        records.Add(new IngestRecord(new RawPacket(now, remote, station.DeviceId, message.Command, verdict, reason, frame), readings)
        {
            // A part waiting for the rest is held in the store with its packet, so its acknowledgement survives a restart.
            HoldsSplitPart = whole is null ? SplitAssemblies.PartOf(message) : null,
            EndsSplitSeries = whole is not null ? SplitAssemblies.SeriesOf(message, message.PacketCount) : null,
        });
        IReadOnlyList<byte[]> replies = message.AcknowledgementRequested
            ? [MessageWriter.Encode(Replies.DataAcknowledgement(message, edition))]
            : [];
        return new PacketOutcome(records, replies) { Authenticated = message };
    }

    /// <summary>Why DataTime is outside the window, logged; such a packet is stored as a reject with its reason (and still acknowledged: sending it again would not change its time).</summary>
    private string? OutsideWindow(DateTimeOffset dataTime, Station station, string remote, DateTimeOffset now)
    {
        string? outside = window.Check(dataTime, now);
        if (outside is not null && ShouldLog(2008, station.DeviceId, out long suppressed))
        {
            Log.DataTimeOutsideWindow(logger, station.DeviceId, remote, outside, suppressed);
        }

        return outside;
    }

    private static PacketOutcome Control(Hj212Message message, Station station, byte[] frame, string remote, DateTimeOffset now)
    {
        Hj212Edition edition = StationRegister.EditionOf(station);
        var replies = new List<byte[]>();
        if (message.Command == CommandCode.TimeCalibrationRequest)
        {
            // HJ 212-2017 §6.6.4: answer the notice, then set the logger's clock to ours in its own offset.
            replies.Add(MessageWriter.Encode(Replies.NoticeAcknowledgement(message, edition)));
            DateTimeOffset stationNow = now.ToOffset(station.UtcOffset);
            var address = new StationAddress(message.SystemCode, station.Password, station.DeviceId, edition);
            replies.Add(MessageWriter.Encode(HostCommands.SetTime(Hj212Time.FormatRequestId(stationNow), address, stationNow)));
        }
        else if (message.AcknowledgementRequested && (!message.Command.StartsWith('9') || message.Command == CommandCode.Heartbeat))
        {
            replies.Add(MessageWriter.Encode(Replies.DataAcknowledgement(message, edition)));
        }

        var packet = new RawPacket(now, remote, station.DeviceId, message.Command, PacketVerdict.Control, null, frame);
        return new PacketOutcome([new IngestRecord(packet, [])], replies) { Authenticated = message };
    }

    /// <summary>Log lines for repeated rejects are limited per event and address (or station); the packets are all kept or counted.</summary>
    private bool ShouldLog(int eventId, string source, out long suppressed)
    {
        int port = source.LastIndexOf(':');
        string key = string.Create(CultureInfo.InvariantCulture, $"{eventId} {(port > 0 ? source[..port] : source)}");
        return throttle.ShouldLog(key, out suppressed);
    }

    /// <summary>
    /// HJ 212-2025 1001 from a logger with no registered MN: admitted to the pending list (the connection handler holds it
    /// in the store) for an operator to assign it an MN, answered with 9013; refused (kept raw with the reason,
    /// unanswered) when its fields or its address's rate are over their bounds.
    /// </summary>
    private PacketOutcome Announce(Hj212Message message, byte[] frame, string remote, DateTimeOffset now)
    {
        (PendingDevice? device, string? refusal) = PendingRegistrations.Read(message, remote, now);
        refusal ??= registrations.Admit(AddressOf(remote));
        if (refusal is not null)
        {
            if (ShouldLog(2011, remote, out long suppressed))
            {
                Log.AnnouncementRefused(logger, remote, refusal, suppressed);
            }

            return Store(new RawPacket(now, remote, null, message.Command, PacketVerdict.Rejected, $"hardware identity refused: {refusal}", frame));
        }

        byte[] reply = MessageWriter.Encode(Replies.NoticeAcknowledgement(message, EditionDeclared(message)));
        var packet = new RawPacket(now, remote, null, message.Command, PacketVerdict.Control, $"hardware identity of logger {device!.LoggerId}: pending an MN", frame);
        return new PacketOutcome([new IngestRecord(packet, [])], [reply]) { Announced = device };
    }

    private static string AddressOf(string remote)
    {
        int port = remote.LastIndexOf(':');
        return port > 0 ? remote[..port] : remote;
    }

    // Reply in the edition the packet itself declares; a packet without Flag is answered 2005-style.
    private static Hj212Edition EditionDeclared(Hj212Message message) => message.VersionBits switch
    {
        null or 0 => Hj212Edition.Edition2005,
        2 => Hj212Edition.Edition2025,
        _ => Hj212Edition.Edition2017,
    };

    private static PacketOutcome Quarantine(
        Hj212Message message, string? stationId, byte[] frame, string remote, DateTimeOffset now, RequestReturnCode code, string reason)
    {
        byte[] reply = MessageWriter.Encode(Replies.RequestResponse(message, code, EditionDeclared(message)));
        string detail = string.Create(CultureInfo.InvariantCulture, $"{reason}; answered QnRtn={(int)code}");
        var packet = new RawPacket(now, remote, stationId, message.Command, PacketVerdict.Quarantined, detail, frame);
        return new PacketOutcome([new IngestRecord(packet, [])], [reply]);
    }

    private static PacketOutcome Store(RawPacket packet) => new([new IngestRecord(packet, [])], []);
}
