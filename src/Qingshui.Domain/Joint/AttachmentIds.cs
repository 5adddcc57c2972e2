namespace Qingshui.Domain.Joint;

/// <summary>An attachment's id: the lowercase hex SHA-256 of its content, so the same file is stored once and any record can name it.</summary>
public static class AttachmentIds
{
    /// <summary>The id's length: 64 hex digits.</summary>
    public const int Length = 64;

    /// <summary>Whether <paramref name="text"/> is an id (64 lowercase hex digits).</summary>
    public static bool IsValid(string? text) => text is { Length: Length } && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
