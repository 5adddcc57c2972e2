using Qingshui.Domain.Network;
using Qingshui.Domain.Readings;
using Qingshui.Hj212;
using Qingshui.Storage;

namespace Qingshui.Server.Ingest;

internal sealed partial class PacketProcessor
{
    /// <summary>
    /// A plain data upload of a registered station, decided without building its message: the same record, readings,
    /// reply and log lines as <see cref="Upload"/> gives it after the full parse; <c>null</c> when it is not plain.
    /// </summary>
    private PacketOutcome? TryPlain(
        byte[] frame, ReadOnlySpan<byte> data, Station station, string deviceId, CrcVerdict crcVerdict, string remote, DateTimeOffset now,
        Func<string, bool>? awaited)
    {
        if (!PlainUploadReader.TryRead(data, station, deviceId, ReadingMapper.MarksOf(crcVerdict, editionMismatch: false), out PlainUpload upload)
            || (upload.Header.RequestId is string requestId && awaited?.Invoke(requestId) == true))
        {
            return null;
        }

        if (crcVerdict != CrcVerdict.Hj212)
        {
            Log.CrcTolerated(logger, station.DeviceId, remote, crcVerdict.ToString());
        }

        Hj212Message header = upload.Header;
        string? outside = OutsideWindow(upload.DataTime, station, remote, now);
        var packet = new RawPacket(
            now, remote, station.DeviceId, header.Command, outside is null ? PacketVerdict.Accepted : PacketVerdict.Rejected, outside, frame);
        IReadOnlyList<Reading> readings = outside is null ? upload.Readings : [];
        IReadOnlyList<byte[]> replies = header.AcknowledgementRequested
            ? [MessageWriter.Encode(Replies.DataAcknowledgement(header, StationRegister.EditionOf(station)))]
            : [];
        return new PacketOutcome([new IngestRecord(packet, readings)], replies) { Authenticated = header };
    }
}
