using System.Text;

namespace Qingshui.Domain.Joint;

/// <summary>What an attachment's first bytes say it is, with the media type it is served as.</summary>
/// <param name="Type">The recognised type, or <c>null</c> when refused.</param>
/// <param name="MediaType">The media type to serve it with (empty when refused).</param>
/// <param name="Refusal">Why it is refused, or <c>null</c>.</param>
public sealed record AttachmentVerdict(AttachmentType? Type, string MediaType, string? Refusal)
{
    /// <summary>Whether it is an image (served inline, with a thumbnail).</summary>
    public bool IsImage => Type is AttachmentType.Jpeg or AttachmentType.Png;
}

/// <summary>
/// Recognises an attachment by its content: JPEG, PNG and PDF by their magic bytes; text (minutes, CSV, GPX, GeoJSON) by
/// its extension and a head that is valid UTF-8 without control characters. Anything else (an executable, an office
/// file, an image renamed as CSV) is refused, whatever name or media type the client gave it.
/// </summary>
public static class AttachmentContent
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at.</summary>
    public const int HeadLength = 8192;

    /// <summary>The longest file name kept.</summary>
    public const int MaxFileNameLength = 200;

    private static readonly Dictionary<string, string> TextTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = "text/plain; charset=utf-8",
        [".md"] = "text/plain; charset=utf-8",
        [".csv"] = "text/csv; charset=utf-8",
        [".gpx"] = "application/gpx+xml",
        [".geojson"] = "application/geo+json",
        [".json"] = "application/json",
    };

    /// <summary>The extensions accepted as text.</summary>
    public static IReadOnlyCollection<string> TextExtensions => TextTypes.Keys;

    /// <summary>What <paramref name="head"/> (the first up to <see cref="HeadLength"/> bytes) is; the file name decides only among texts.</summary>
    /// <param name="head">The content's first bytes.</param>
    /// <param name="fileName">The name the file came with.</param>
    /// <param name="complete">Whether <paramref name="head"/> is the whole content (else a multi-byte character may be cut at its end).</param>
    public static AttachmentVerdict Sniff(ReadOnlySpan<byte> head, string fileName, bool complete)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (head.IsEmpty)
        {
            return Refused("is empty");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return new AttachmentVerdict(AttachmentType.Jpeg, "image/jpeg", null);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return new AttachmentVerdict(AttachmentType.Png, "image/png", null);
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return new AttachmentVerdict(AttachmentType.Pdf, "application/pdf", null);
        }

        string extension = Path.GetExtension(fileName);
        if (!TextTypes.TryGetValue(extension, out string? mediaType))
        {
            return Refused($"is not a JPEG, PNG or PDF by its content, and '{Shorten(extension)}' is not a text type ({string.Join(", ", TextTypes.Keys)})");
        }

        return TextRefusal(head, complete) is string why ? Refused(why) : new AttachmentVerdict(AttachmentType.Text, mediaType, null);
    }

    /// <summary>Why a name cannot be kept as an attachment's file name, or <c>null</c>.</summary>
    public static string? FileNameRefusal(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "is required"
        : name.Length > MaxFileNameLength ? $"is {name.Length} characters; at most {MaxFileNameLength}"
        : name.Any(c => char.IsControl(c) || c is '/' or '\\' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            ? "must not contain control characters or path separators" : null;

    private static string? TextRefusal(ReadOnlySpan<byte> head, bool complete)
    {
        // Skip a UTF-8 byte order mark; a cut multi-byte character at the end of an incomplete head is not an error.
        ReadOnlySpan<byte> text = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? head[3..] : head;
        int valid = ValidUtf8Length(text);
        if (valid < text.Length && (complete || text.Length - valid > 3))
        {
            return $"is not UTF-8 text (invalid byte at offset {valid})";
        }

        for (int i = 0; i < valid; i++)
        {
            byte b = text[i];
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' || b == 0x7F)
            {
                return $"is not plain text (control byte 0x{b:X2} at offset {i})";
            }
        }

        return null;
    }

    // The length of the longest prefix that decodes as UTF-8.
    private static int ValidUtf8Length(ReadOnlySpan<byte> text)
    {
        int i = 0;
        while (i < text.Length)
        {
            if (Rune.DecodeFromUtf8(text[i..], out _, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                return i;
            }

            i += consumed;
        }

        return i;
    }

    private static AttachmentVerdict Refused(string why) => new(null, "", why);

    private static string Shorten(string text) => text.Length > 20 ? text[..20] + "…" : text;
}
