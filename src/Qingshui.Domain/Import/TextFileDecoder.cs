using System.Globalization;
using System.Text;

namespace Qingshui.Domain.Import;

/// <summary>
/// Turns the bytes of a text file (basin, agreement, sample CSV) into text: UTF-8 with or without a byte-order mark,
/// or GB18030 (which includes GBK and GB 2312) when the bytes are not UTF-8 but read as Chinese text. Anything else is
/// refused with the offset of the first byte that cannot be read, so no file is loaded with garbled names.
/// </summary>
public static class TextFileDecoder
{
    private const int Gb18030CodePage = 54936;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> Utf16LittleEndianBom => [0xFF, 0xFE];

    private static ReadOnlySpan<byte> Utf16BigEndianBom => [0xFE, 0xFF];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // From the BCL's code-page provider directly, so nothing global is registered.
    private static readonly Encoding StrictGb18030 = CodePagesEncodingProvider.Instance.GetEncoding(
        Gb18030CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)!;

    /// <summary>Decodes a whole file's bytes.</summary>
    public static TextDecodeResult Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(Utf8Bom))
        {
            return Utf8(bytes[3..], "UTF-8 with BOM")
                ?? Refuse(bytes, 3 + FirstInvalidUtf8(bytes[3..]), "starts with a UTF-8 byte-order mark but is not valid UTF-8");
        }

        if (bytes.StartsWith(Utf16LittleEndianBom) || bytes.StartsWith(Utf16BigEndianBom))
        {
            return TextDecodeResult.Failure(0, "is UTF-16 text: save it as UTF-8");
        }

        if (Utf8(bytes, "UTF-8") is TextDecodeResult utf8)
        {
            return utf8;
        }

        int bad = FirstInvalidUtf8(bytes);
        string? gb = TryGb18030(bytes);
        return gb is not null && LooksLikeText(gb) && MostlyGb2312(bytes)
            ? TextDecodeResult.Success(gb, "GB18030")
            : Refuse(bytes, bad, "is neither UTF-8 nor GB18030 (GBK) Chinese text");
    }

    /// <summary>
    /// Decodes a whole file's bytes in the named encoding (<c>utf-8</c>; <c>gb18030</c>, <c>gbk</c> or <c>gb2312</c>, all read
    /// as GB18030, which contains the others), for a file whose encoding the caller knows; <c>auto</c> is <see cref="Decode(ReadOnlySpan{byte})"/>.
    /// Bytes the encoding cannot read are refused with their offset.
    /// </summary>
    public static TextDecodeResult Decode(ReadOnlySpan<byte> bytes, string encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        switch (encoding.ToLowerInvariant())
        {
            case "auto":
                return Decode(bytes);
            case "utf-8" or "utf8":
                ReadOnlySpan<byte> body = bytes.StartsWith(Utf8Bom) ? bytes[3..] : bytes;
                return Utf8(body, "UTF-8") ?? Refuse(bytes, bytes.Length - body.Length + FirstInvalidUtf8(body), "is not valid UTF-8");
            case "gb18030" or "gbk" or "gb2312":
                return TryGb18030(bytes) is string gb
                    ? TextDecodeResult.Success(gb, "GB18030")
                    : TextDecodeResult.Failure(0, "is not valid GB18030 (GBK) text");
            default:
                throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "encodings are auto, utf-8, gb18030, gbk and gb2312");
        }
    }

    /// <summary>The encoding names <see cref="Decode(ReadOnlySpan{byte}, string)"/> takes.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "utf-8", "gb18030", "gbk", "gb2312"];

    private static TextDecodeResult? Utf8(ReadOnlySpan<byte> bytes, string encoding)
    {
        try
        {
            return TextDecodeResult.Success(StrictUtf8.GetString(bytes), encoding);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string? TryGb18030(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictGb18030.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    // GB18030 decodes almost any byte sequence; text with control characters or private-use code points is not what a
    // person wrote, whatever it decodes to.
    private static bool LooksLikeText(string text)
    {
        foreach (char c in text)
        {
            if ((char.IsControl(c) && c is not ('\r' or '\n' or '\t')) || c is >= '\uE000' and <= '\uF8FF')
            {
                return false;
            }
        }

        return true;
    }

    // Latin-1 "Köln" is valid GBK (ö and l make 鰈). Chinese text is overwhelmingly GB 2312 characters, both bytes
    // 0xA1–0xFE; a trail byte that is an ASCII letter or a four-byte sequence is rare in it and common in misread text.
    private static bool MostlyGb2312(ReadOnlySpan<byte> bytes)
    {
        int multiByte = 0, gb2312 = 0;
        for (int i = 0; i < bytes.Length;)
        {
            if (bytes[i] < 0x80 || i + 1 >= bytes.Length)
            {
                i++;
                continue;
            }

            multiByte++;
            bool fourBytes = bytes[i + 1] is >= 0x30 and <= 0x39;
            if (!fourBytes && bytes[i] is >= 0xA1 and <= 0xF7 && bytes[i + 1] >= 0xA1)
            {
                gb2312++;
            }

            i += fourBytes ? 4 : 2;
        }

        return gb2312 * 4 >= multiByte * 3;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        // UTF-16 never needs more chars than UTF-8 has bytes, so one call reaches the first invalid sequence.
        System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out int read, out _, replaceInvalidSequences: false);
        return read;
    }

    private static TextDecodeResult Refuse(ReadOnlySpan<byte> bytes, int offset, string message)
    {
        string shown = Convert.ToHexString(bytes.Slice(offset, Math.Min(4, bytes.Length - offset)));
        return TextDecodeResult.Failure(offset, string.Create(CultureInfo.InvariantCulture,
            $"{message} (byte {offset + 1}: 0x{shown}); save it as UTF-8"));
    }
}

/// <summary>A decoded file's text and the encoding it was read in, or why it could not be read.</summary>
public sealed record TextDecodeResult
{
    private TextDecodeResult(string? text, string? encoding, int errorOffset, string? error)
    {
        Text = text;
        Encoding = encoding;
        ErrorOffset = errorOffset;
        Error = error;
    }

    /// <summary>The text, or <c>null</c> when the file could not be read.</summary>
    public string? Text { get; }

    /// <summary>Which encoding it was read in (<c>UTF-8</c>, <c>UTF-8 with BOM</c>, <c>GB18030</c>).</summary>
    public string? Encoding { get; }

    /// <summary>Offset of the first byte that could not be read (0 when decoded).</summary>
    public int ErrorOffset { get; }

    /// <summary>Why the file was refused, with the offending bytes; <c>null</c> when decoded.</summary>
    public string? Error { get; }

    internal static TextDecodeResult Success(string text, string encoding) => new(text, encoding, 0, null);

    internal static TextDecodeResult Failure(int offset, string error) => new(null, null, offset, error);
}
