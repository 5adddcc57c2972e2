namespace Qingshui.Storage.Joint;

/// <summary>Attachments' metadata (the content lives in files named by the id, next to the database).</summary>
public interface IAttachmentStore
{
    /// <summary>
    /// Stores the metadata of a new attachment; when the same content is already stored, only adds the organisations it is
    /// now shared with. Returns the metadata as stored and whether it was new.
    /// </summary>
    Task<(StoredAttachment Stored, bool Added)> AddAttachmentAsync(StoredAttachment attachment, CancellationToken cancellationToken);

    /// <summary>The metadata of one attachment, or <c>null</c>.</summary>
    Task<StoredAttachment?> FindAttachmentAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// The attachments shared with <paramref name="organisation"/>, in the ordinal order of their ids, those after
    /// <paramref name="after"/> when given (the next page), at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<StoredAttachment>> ListAttachmentsAsync(string organisation, string? after, int limit, CancellationToken cancellationToken);
}
