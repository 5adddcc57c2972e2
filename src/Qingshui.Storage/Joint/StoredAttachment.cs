namespace Qingshui.Storage.Joint;

/// <summary>An attachment's metadata: its content is a file named by <paramref name="Id"/> in the attachments folder.</summary>
/// <param name="Id">The lowercase hex SHA-256 of the content.</param>
/// <param name="FileName">The name it was uploaded with.</param>
/// <param name="MediaType">What its content was recognised as.</param>
/// <param name="Size">Its length in bytes.</param>
/// <param name="UploadedBy">Who uploaded it first.</param>
/// <param name="Organisation">For which organisation.</param>
/// <param name="UploadedAt">When.</param>
/// <param name="SharedWith">The organisations whose members may fetch it (the uploader's always among them).</param>
public sealed record StoredAttachment(
    string Id, string FileName, string MediaType, long Size, string UploadedBy, string Organisation, DateTimeOffset UploadedAt,
    IReadOnlyList<string> SharedWith);
