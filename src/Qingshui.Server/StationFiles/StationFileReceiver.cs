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
        (byte[]? chunk, string? damage) = RequestIdRefusal(message.RequestId, number) is string badQn
            ? (null, badQn)
            : ChunkOf(message, command, number);
        TransferStep step = chunk is null ? _assembler.Refuse(key, damage!, now) : _assembler.Add(key, number, chunk, message, now);

        var records = new List<IngestRecord>(DroppedRecords(step.Dropped, remote, now));

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
            draft = Draft(command, station, step, key, now, out string? nameRefusal);
            (verdict, why) = draft is null
                ? (PacketVerdict.Rejected, $"file transfer refused: the file name made of its MN, CN and QN {nameRefusal}")
                : (verdict, $"file transfer complete: {key.PacketCount} packet(s), {draft.Content.Length} bytes");
        }

        if (verdict == PacketVerdict.Rejected)
        {
            Refused(station.DeviceId, why!);
        }

        records.Add(new IngestRecord(new RawPacket(now, remote, station.DeviceId, message.Command, verdict, why, frame), []));
        return new PacketOutcome(records, replies) { Authenticated = message, File = draft };
    }

    /// <summary>Drops the transfers past their time and records each in the raw log (called on a timer, not only on file packets).</summary>
    public IReadOnlyList<IngestRecord> Expire(DateTimeOffset now) => DroppedRecords(_assembler.ExpireNow(now), "station-file-reassembly", now);

    // A transfer that will not complete: a partial-series entry under its station saying which parts arrived and why.
    private List<IngestRecord> DroppedRecords(IReadOnlyList<DroppedTransfer> dropped, string remote, DateTimeOffset now)
    {
        var records = new List<IngestRecord>(dropped.Count);
        foreach (DroppedTransfer transfer in dropped)
        {
            string parts = string.Join(",", transfer.Received.Select(p => p.ToString(CultureInfo.InvariantCulture)));
            (TransferKey key, string why) = (transfer.Key, transfer.Reason);
            string reason = $"file transfer (CN {key.Command}) damaged: {why}; received parts {parts} of {key.PacketCount}";
            Refused(key.StationId, reason);
            records.Add(new IngestRecord(new RawPacket(now, remote, key.StationId, key.Command, PacketVerdict.PartialSeries, reason, []), []));
        }

        return records;
    }

    /// <summary>
    /// Keeps a completed file: its content under its hash, then its metadata within the station's daily limit. Refused
    /// (disk nearly full, over the daily limit, its QN kept already with other content, not writable), the packet that
    /// completed it becomes a reject with the reason.
    /// </summary>
    public async Task<PacketOutcome> KeepAsync(PacketOutcome outcome)
    {
        StationFileDraft draft = outcome.File!;
        StationFile file = draft.File with { AttachmentId = Convert.ToHexStringLower(SHA256.HashData(draft.Content)) };
        string? refusal;
        string? kept;
        try
        {
            (refusal, kept) = await StoreAsync(file, draft.Content);
        }
        catch (Exception e) when (e is StoreException or IOException or UnauthorizedAccessException)
        {
            (refusal, kept) = ($"it could not be kept ({e.Message})", null);
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

    // Refused before anything is written where the store can tell (a repeat, the daily limit); then the content (content-
    // addressed, so a file kept twice is one, and one the row then refuses harms nothing), then the row: never a listed
    // file whose content is missing. Nodes storing at once may still leave an unreferenced content file, never a row without one.
    private async Task<(string? Refusal, string? Kept)> StoreAsync(StationFile file, byte[] content)
    {
        DateTimeOffset local = file.ReceivedAt.ToOffset(Hj212Time.ChinaStandardOffset);
        var dayStart = new DateTimeOffset(local.Date, Hj212Time.ChinaStandardOffset);
        string overLimit = $"the station's files of {local:yyyy-MM-dd} would pass the daily limit of {_settings.MaxBytesPerStationPerDay} bytes";
        StationFileCheck check = await store.CheckStationFileAsync(file, dayStart, CancellationToken.None);
        if (check.Earlier is StationFile earlier)
        {
            return await RepeatAsync(file, content, earlier);
        }

        long free = FreeBytes();
        if (free - file.Size < _settings.MinFreeDiskBytes)
        {
            return ($"the server keeps at least {_settings.MinFreeDiskBytes} bytes of disk free and has {free}", null);
        }

        if (check.BytesToday + file.Size > _settings.MaxBytesPerStationPerDay)
        {
            return (overLimit, null);
        }

        string overCount = $"the station has sent the daily limit of {_settings.MaxFilesPerStationPerDay} files on {local:yyyy-MM-dd}";
        if (check.FilesToday >= _settings.MaxFilesPerStationPerDay)
        {
            return (overCount, null);
        }

        await files.KeepAsync(file.AttachmentId, content, CancellationToken.None);
        (StationFileAdded added, StationFile? stored) =
            await store.AddStationFileAsync(file, dayStart, new StationFileQuota(_settings.MaxBytesPerStationPerDay, _settings.MaxFilesPerStationPerDay), CancellationToken.None);
        switch (added)
        {
            case StationFileAdded.Added:
                Log.StationFileKept(logger, file.StationId, stored!.Id, file.Kind, file.Size);
                return (null, $"kept as station file {stored.Id} (attachment {file.AttachmentId}, {file.Size} bytes)");
            case StationFileAdded.Duplicate:
                return await RepeatAsync(file, content, stored!);
            case StationFileAdded.OverDailyCount:
                return (overCount, null);
            default:
                return (overLimit, null);
        }
    }

    // The same (station, CN, QN) again: the same content is the logger sending it again; other content is refused, not written.
    private async Task<(string? Refusal, string? Kept)> RepeatAsync(StationFile file, byte[] content, StationFile earlier)
    {
        if (!string.Equals(earlier.AttachmentId, file.AttachmentId, StringComparison.Ordinal))
        {
            return ($"QN {file.RequestId} reused with other content (kept as station file {earlier.Id}); nothing written", null);
        }

        // A row from before the content was written first may lack it: the same bytes give it back.
        if (files.ContentPath(earlier.AttachmentId) is null)
        {
            await files.KeepAsync(earlier.AttachmentId, content, CancellationToken.None);
        }

        return (null, $"sent again: already kept as station file {earlier.Id}");
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

    // The QN names the file and makes a resent transfer the same one: only HJ 212's digits are taken (the parser lets
    // NUL and control characters through, which PostgreSQL and Content-Disposition refuse). Absent, the file gets a time instead.
    private static string? RequestIdRefusal(string? requestId, int number) =>
        requestId is null || (requestId.Length is >= 1 and <= 20 && requestId.All(char.IsAsciiDigit))
            ? null
            : $"the QN of part {number} is not 1–20 digits";

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

    // Null (with why) when no safe file name can be made: the station's name and the one made here must both pass the check.
    private static StationFileDraft? Draft(
        StationFileCommand command, Station station, TransferStep step, TransferKey key, DateTimeOffset now, out string? nameRefusal)
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
        nameRefusal = AttachmentContent.FileNameRefusal(fileName);
        if (nameRefusal is not null)
        {
            return null;
        }

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
