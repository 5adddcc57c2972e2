namespace Qingshui.Storage.StationFiles;

/// <summary>Files stations sent (metadata; the content lives in the attachments folder, named by its hash).</summary>
public interface IStationFileStore
{
    /// <summary>
    /// Stores a file's metadata unless the station's files received since <paramref name="dayStart"/> would then pass
    /// <paramref name="quota"/> in bytes or in number (counted in the writing transaction, so nodes storing at once do not
    /// pass it) or the same transfer (station, CN, QN) is stored already. Returns the outcome and the row as stored (the
    /// earlier one for a duplicate, <c>null</c> when over a limit).
    /// </summary>
    Task<(StationFileAdded Outcome, StationFile? Stored)> AddStationFileAsync(
        StationFile file, DateTimeOffset dayStart, StationFileQuota quota, CancellationToken cancellationToken);

    /// <summary>
    /// What storing <paramref name="file"/> would meet, read before its content is written: the same transfer (station, CN,
    /// QN) stored already, and the bytes of the station's files received since <paramref name="dayStart"/>. A hint that
    /// keeps refused content off the disk; <see cref="AddStationFileAsync"/> decides again in its transaction.
    /// </summary>
    Task<StationFileCheck> CheckStationFileAsync(StationFile file, DateTimeOffset dayStart, CancellationToken cancellationToken);

    /// <summary>A station's files, newest first, those with an id below <paramref name="beforeId"/> when given.</summary>
    Task<IReadOnlyList<StationFile>> StationFilesAsync(string stationId, long? beforeId, int limit, CancellationToken cancellationToken);

    /// <summary>One file's metadata, or <c>null</c>.</summary>
    Task<StationFile?> StationFileAsync(long id, CancellationToken cancellationToken);
}
