namespace Qingshui.Server.StationFiles;

/// <summary>How a file's content travels in its packets.</summary>
internal enum FileContentEncoding
{
    /// <summary>The content is the data area itself, as read (decrypted, values as parsed): raw monitoring data such as a spectrum.</summary>
    DataArea,

    /// <summary>The content is a field of hexadecimal digits, one chunk per packet, joined in PNO order.</summary>
    Hex,

    /// <summary>The content is a field of Base64, one chunk per packet, joined in PNO order.</summary>
    Base64,
}

/// <summary>
/// One command that carries a file. Only 2013 (raw monitoring data) is agreed by the public implementations (a data area
/// with <c>DataTime</c> and per-code fields); the command and fields of multimedia file transfer are not, so it is
/// configured here rather than fixed.
/// </summary>
/// <param name="Command">The CN.</param>
/// <param name="Kind">What the file is called in the API (<c>raw-data</c>, <c>multimedia</c>).</param>
/// <param name="Encoding">How its content travels.</param>
/// <param name="ContentField">The field holding the content (not for <see cref="FileContentEncoding.DataArea"/>).</param>
/// <param name="NameField">The field naming the file, when the station sends one.</param>
internal sealed record StationFileCommand(
    string Command, string Kind, FileContentEncoding Encoding = FileContentEncoding.DataArea, string? ContentField = null, string? NameField = null);

/// <summary>Bounds on what stations may send as files, and which commands carry files.</summary>
internal sealed record StationFileSettings
{
    /// <summary>The largest file, in bytes (4 MB: a spectrum is kilobytes, a photo a few hundred).</summary>
    public long MaxFileBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>The most bytes of files one station may send in a day (UTC+8), counted over every node.</summary>
    public long MaxBytesPerStationPerDay { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// The most files one station may send in a day (UTC+8), counted over every node: each costs a row and a file on disk
    /// however small it is, which the byte limit alone does not bound (10,000: a raw upload every 10 seconds).
    /// </summary>
    public int MaxFilesPerStationPerDay { get; init; } = 10_000;

    /// <summary>No file is kept when the files directory's disk would then have less free space than this.</summary>
    public long MinFreeDiskBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>The most packets (PNUM) a transfer may be split into.</summary>
    public int MaxParts { get; init; } = 8192;

    /// <summary>The most transfers reassembled at once on a node; a new one beyond it is refused.</summary>
    public int MaxOpenTransfers { get; init; } = 64;

    /// <summary>The most of those one station may hold, so one station cannot take every place and starve the others.</summary>
    public int MaxOpenTransfersPerStation { get; init; } = 4;

    /// <summary>How long a transfer may take from its first packet to its last before it is dropped as incomplete.</summary>
    public TimeSpan TransferTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The commands that carry files: 2013 by default; a multimedia command once its CN and fields are known.</summary>
    public IReadOnlyList<StationFileCommand> Commands { get; init; } = [new(Hj212.CommandCode.RawData, "raw-data")];
}
