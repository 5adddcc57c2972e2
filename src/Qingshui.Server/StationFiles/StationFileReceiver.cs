using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Qingshui.Domain.Joint;
using Qingshui.Domain.Network;
using Qingshui.Hj212;
using Qingshui.Server.Ingest;
using Qingshui.Server.Joint;
using Qingshui.Storage;
using Qingshui.Storage.StationFiles;

namespace Qingshui.Server.StationFiles;

/// <summary>
/// Files stations send over HJ 212 (2025: raw monitoring data 2013, and a multimedia command when configured): each packet
/// is stored raw as any other; the parts are reassembled (<see cref="StationFileAssembler"/>); a complete file's content is
/// kept as an attachment (the content-addressed files of <see cref="AttachmentFiles"/>) with its metadata in the store.
/// A damaged, oversized or over-quota transfer is a rejected packet with its reason; its packets stay in the raw log.
/// </summary>
internal sealed class StationFileReceiver(
    ServerOptions options, AttachmentFiles files, IStationFileStore store, LogThrottle throttle, ILogger<StationFileReceiver> logger)
{
    private const int MaxMetadataFields = 40;
    private const int MaxMetadataValue = 256;
    private readonly StationFileSettings _settings = options.StationFiles;
    private readonly StationFileAssembler _assembler = new(options.StationFiles);

    /// <summary>Whether <paramref name="command"/> from <paramref name="station"/> carries a file (HJ 212-2025 stations only).</summary>
    public bool Carries(Station station, string command) => station.Edition == ProtocolEdition.Hj212V2025 && CommandOf(command) is not null;

    /// <summary>Transfers being reassembled on this node.</summary>
    public int OpenTransfers => _assembler.OpenTransfers;

    /// <summary>Decides one authenticated packet of a file transfer (acknowledged like an upload when asked).</summary>
    public PacketOutcome Receive(Hj212Message message, Station station, byte[] frame, string remote, DateTimeOffset now)
    {
        StationFileCommand command = CommandOf(message.Command)!;
        IReadOnlyList<byte[]> replies = message.AcknowledgementRequested
            ? [MessageWriter.Encode(Replies.DataAcknowledgement(message, StationRegister.EditionOf(station)))]
            : [];
        var key = new TransferKey(station.DeviceId, message.SystemCode, message.Command, message.PacketCount ?? 1);
        int number = message.PacketNumber ?? 1;
        (byte[]? chunk, string? damage) = ChunkOf(message, command, number);
        TransferStep step = chunk is null
            ? new TransferStep(TransferStatus.Refused, damage, [], null, _assembler.ExpireNow(now))
            : _assembler.Add(key, number, chunk, message, now);

        var records = new List<IngestRecord>();
        foreach (DroppedTransfer dropped in step.Dropped)
        {
            string parts = string.Join(",", dropped.Received.Select(p => p.ToString(CultureInfo.InvariantCulture)));
            string reason = $"file transfer (CN {dropped.Key.Command}) damaged: {dropped.Reason}; received parts {parts} of {dropped.Key.PacketCount}";
            Refused(dropped.Key.StationId, reason);
            records.Add(new IngestRecord(new RawPacket(now, remote, dropped.Key.StationId, dropped.Key.Command, PacketVerdict.PartialSeries, reason, []), []));
        }

        StationFileDraft? draft = null;
        (PacketVerdict verdict, string? why) = step.Status switch
        {
            TransferStatus.Held => (PacketVerdict.SplitPart, $"file transfer part {number} of {key.PacketCount}, held until the rest arrives"),
            TransferStatus.Duplicate => (PacketVerdict.SplitPart, "retransmitted file transfer part"),
            TransferStatus.Refused => (PacketVerdict.Rejected, $"file transfer refused: {step.Reason}"),
            _ => (PacketVerdict.Accepted, (string?)null),
        };
        if (step.Status == TransferStatus.Completed)
        {
            draft = Draft(command, station, step, key, now);
            why = $"file transfer complete: {key.PacketCount} packet(s), {draft.Content.Length} bytes";
        }
        else if (step.Status == TransferStatus.Refused)
        {
            Refused(station.DeviceId, why!);
        }

        records.Add(new IngestRecord(new RawPacket(now, remote, station.DeviceId, message.Command, verdict, why, frame), []));
        return new PacketOutcome(records, replies) { Authenticated = message, File = draft };
    }

    /// <summary>
    /// Keeps a completed file: its metadata within the station's daily limit, then its content under its hash. Refused
    /// (disk nearly full, over the daily limit, not writable), the packet that completed it becomes a reject with the reason.
    /// </summary>
    public async Task<PacketOutcome> KeepAsync(PacketOutcome outcome)
    {
        StationFileDraft draft = outcome.File!;
        StationFile file = draft.File with { AttachmentId = Convert.ToHexStringLower(SHA256.HashData(draft.Content)) };
        string? refusal = null;
        string? kept = null;
        try
        {
            long free = FreeBytes();
            if (free - file.Size < _settings.MinFreeDiskBytes)
            {
                refusal = $"the server keeps at least {_settings.MinFreeDiskBytes} bytes of disk free and has {free}";
            }
            else
            {
                DateTimeOffset local = file.ReceivedAt.ToOffset(Hj212Time.ChinaStandardOffset);
                var dayStart = new DateTimeOffset(local.Date, Hj212Time.ChinaStandardOffset);
                var quota = new StationFileQuota(_settings.MaxBytesPerStationPerDay, _settings.MaxFilesPerStationPerDay);
                (StationFileAdded added, StationFile? stored) = await store.AddStationFileAsync(file, dayStart, quota, CancellationToken.None);
                if (added == StationFileAdded.OverDailyLimit)
                {
                    refusal = $"the station's files of {local:yyyy-MM-dd} would pass the daily limit of {_settings.MaxBytesPerStationPerDay} bytes";
                }
                else if (added == StationFileAdded.OverDailyCount)
                {
                    refusal = $"the station has sent the daily limit of {_settings.MaxFilesPerStationPerDay} files on {local:yyyy-MM-dd}";
                }
                else
                {
                    // Written for a duplicate too: the content may be what was missing when it was first sent.
                    await files.KeepAsync(file.AttachmentId, draft.Content, CancellationToken.None);
                    kept = added == StationFileAdded.Added
                        ? $"kept as station file {stored!.Id} (attachment {file.AttachmentId}, {file.Size} bytes)"
                        : $"sent again: already kept as station file {stored!.Id}";
                    Log.StationFileKept(logger, file.StationId, stored.Id, file.Kind, file.Size);
                }
            }
        }
        catch (Exception e) when (e is StoreException or IOException or UnauthorizedAccessException)
        {
            refusal = $"it could not be kept ({e.Message})";
        }

        IngestRecord record = outcome.Records[^1];
        RawPacket packet = refusal is null
            ? record.Packet with { Reason = $"{record.Packet.Reason}; {kept}" }
            : record.Packet with { Verdict = PacketVerdict.Rejected, Reason = $"file transfer refused: {refusal}" };
        if (refusal is not null)
        {
            Refused(file.StationId, refusal);
        }

        return outcome with { Records = [.. outcome.Records.SkipLast(1), record with { Packet = packet }], File = null };
    }

    // A station sending the rest of a refused transfer must not fill the log: a line per station every few seconds.
    private void Refused(string station, string reason)
    {
        if (throttle.ShouldLog($"5901 {station}", out long suppressed))
        {
            Log.StationFileRefused(logger, station, reason, suppressed);
        }
    }

    private long FreeBytes() => new DriveInfo(Directory.CreateDirectory(files.Root).FullName).AvailableFreeSpace;

    private StationFileCommand? CommandOf(string command) => _settings.Commands.FirstOrDefault(c => c.Command == command);

    // A part's content: the data area as read, or the decoded content field(s); null with the damage when it cannot be read.
    private static (byte[]? Chunk, string? Damage) ChunkOf(Hj212Message message, StationFileCommand command, int number)
    {
        if (command.Encoding == FileContentEncoding.DataArea)
        {
            return (Encoding.UTF8.GetBytes(MessageWriter.WriteDataArea(message.Data)), null);
        }

        string field = command.ContentField ?? "";
        string[] values = [.. message.Data.Fields.Where(f => f.Key == field).Select(f => f.Value)];
        if (values.Length == 0)
        {
            return (null, $"part {number} has no {field} field (the file's content)");
        }

        try
        {
            byte[] chunk = command.Encoding == FileContentEncoding.Hex
                ? Convert.FromHexString(string.Concat(values))
                : Convert.FromBase64String(string.Concat(values));
            return (chunk, null);
        }
        catch (FormatException)
        {
            string how = command.Encoding == FileContentEncoding.Hex ? "hexadecimal digits (an even number)" : "Base64";
            return (null, $"the {field} field of part {number} is not {how}");
        }
    }

    private static StationFileDraft Draft(StationFileCommand command, Station station, TransferStep step, TransferKey key, DateTimeOffset now)
    {
        Hj212Message first = step.First!;
        byte[] content = command.Encoding == FileContentEncoding.DataArea
            ? Encoding.UTF8.GetBytes(string.Join(';', step.Chunks.Select(Encoding.UTF8.GetString).Where(t => t.Length > 0)))
            : [.. step.Chunks.SelectMany(c => c)];
        string mediaType = MediaTypeOf(command, content);
        string requestId = first.RequestId ?? now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        string? sentName = command.NameField is string nameField ? first.Data.Field(nameField) : null;
        string fileName = sentName is not null && AttachmentContent.FileNameRefusal(sentName) is null
            ? sentName
            : $"{station.DeviceId}-{first.Command}-{requestId}{ExtensionOf(mediaType)}";
        var file = new StationFile(0, station.DeviceId, first.Command, command.Kind, requestId, now, first.Data.DataTime, "", content.Length, mediaType,
            fileName, FieldsOf(first, command, key), key.PacketCount);
        return new StationFileDraft(file, content);
    }

    // The command's fields but the content, from its first part: bounded in number and length (station text is untrusted).
    private static string FieldsOf(Hj212Message first, StationFileCommand command, TransferKey key)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["ST"] = first.SystemCode, ["PNUM"] = key.PacketCount.ToString(CultureInfo.InvariantCulture) };
        if (first.Data.DataTimeText is string dataTime)
        {
            fields["DataTime"] = dataTime;
        }

        foreach (KeyValuePair<string, string> field in first.Data.Fields.Where(f => f.Key != command.ContentField).Take(MaxMetadataFields))
        {
            fields.TryAdd(field.Key, Bounded(field.Value));
        }

        if (first.Data.Pollutants.Count > 0)
        {
            fields["codes"] = Bounded(string.Join(',', first.Data.Pollutants.Select(p => p.Code)));
        }

        return JsonSerializer.Serialize(fields);
    }

    private static string Bounded(string value) => value.Length > MaxMetadataValue ? value[..MaxMetadataValue] + "…" : value;

    // Recognised by content, never by what the station says: served as a download whatever it is.
    private static string MediaTypeOf(StationFileCommand command, byte[] content)
    {
        if (command.Encoding == FileContentEncoding.DataArea)
        {
            return "text/plain; charset=utf-8";
        }

        AttachmentVerdict verdict = AttachmentContent.Sniff(content.AsSpan(0, Math.Min(content.Length, AttachmentContent.HeadLength)), "file.bin", complete: true);
        return verdict.Type is AttachmentType.Jpeg or AttachmentType.Png or AttachmentType.Pdf ? verdict.MediaType : "application/octet-stream";
    }

    private static string ExtensionOf(string mediaType) => mediaType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "application/pdf" => ".pdf",
        "application/octet-stream" => ".bin",
        _ => ".txt",
    };
}
