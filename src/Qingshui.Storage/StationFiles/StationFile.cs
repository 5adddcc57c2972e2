namespace Qingshui.Storage.StationFiles;

/// <summary>
/// A file a station sent over HJ 212 (HJ 212-2025 raw monitoring data 2013 such as a spectrum, or a multimedia file): its
/// content is an attachment (the content-addressed file named by <paramref name="AttachmentId"/>), this is its metadata.
/// </summary>
/// <param name="Id">Its id in the store (0 before it is stored).</param>
/// <param name="StationId">The station's MN.</param>
/// <param name="Command">The CN it came with.</param>
/// <param name="Kind">What kind of file the configuration says that CN carries (<c>raw-data</c>, <c>multimedia</c>, …).</param>
/// <param name="RequestId">The QN of its (first) packet, which makes a resent transfer the same file.</param>
/// <param name="ReceivedAt">When its last part arrived.</param>
/// <param name="DataTime">The DataTime it carried, in the station's offset, or <c>null</c>.</param>
/// <param name="AttachmentId">The lowercase hex SHA-256 of its content.</param>
/// <param name="Size">Its content's length in bytes.</param>
/// <param name="MediaType">What it is served as (always as a download).</param>
/// <param name="FileName">The name it is downloaded under.</param>
/// <param name="Fields">The command's other fields as sent (JSON object of name → value), the content itself left out.</param>
/// <param name="Parts">How many packets it came in.</param>
public sealed record StationFile(
    long Id, string StationId, string Command, string Kind, string RequestId, DateTimeOffset ReceivedAt, DateTimeOffset? DataTime,
    string AttachmentId, long Size, string MediaType, string FileName, string Fields, int Parts);

/// <summary>What a station file would meet in the store (<see cref="IStationFileStore.CheckStationFileAsync"/>).</summary>
/// <param name="Earlier">The same transfer (station, CN, QN) stored already, or <c>null</c>.</param>
/// <param name="BytesToday">The size of the station's files received since the start of the day asked about.</param>
/// <param name="FilesToday">How many files of the station were received since then.</param>
public sealed record StationFileCheck(StationFile? Earlier, long BytesToday, long FilesToday);

/// <summary>What became of a station file's metadata.</summary>
public enum StationFileAdded
{
    /// <summary>Stored.</summary>
    Added,

    /// <summary>The same transfer (station, CN, QN) is stored already: the logger sent it again.</summary>
    Duplicate,

    /// <summary>Refused: the station's files of that day would pass the daily limit of bytes.</summary>
    OverDailyLimit,

    /// <summary>Refused: the station has sent the most files a day may hold (each uses a row and a file on disk, however small).</summary>
    OverDailyCount,
}

/// <summary>How much one station may send as files in a day (UTC+8), counted over every node.</summary>
/// <param name="BytesPerDay">The most bytes of files.</param>
/// <param name="FilesPerDay">The most files.</param>
public sealed record StationFileQuota(long BytesPerDay, int FilesPerDay);
