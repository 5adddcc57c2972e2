using System.Text;

namespace Qingshui.Server.Api;

/// <summary>
/// Hides HJ 212 access passwords (<c>PW=</c>, HJ 212-2017 §6.3.2) in packet bytes and texts that leave the server: the
/// packet log, reasons, log lines. The stored bytes stay exact; only what is shown is masked.
/// </summary>
/// <remarks>
/// Every <c>PW=</c> is masked, in any case, whatever stands before it (the first field follows the frame's length digits;
/// garbage may be glued to it) and wherever it stands (first, middle, last field; inside broken frames and quoted error
/// text): masking a value that was not a password costs nothing, missing one leaks it. The value runs to the next <c>;</c>, <c>&amp;</c>, <c>,</c>, CR or
/// LF, or to the end of the text (a truncated frame), and becomes a fixed <see cref="Mask"/> so its length is not shown
/// either. An empty value stays empty: there is nothing to hide.
/// </remarks>
internal static class PasswordMask
{
    public const string Mask = "******";

    /// <summary>The bytes with every password value replaced (one byte per character: Latin-1 maps bytes both ways).</summary>
    public static byte[] Apply(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetBytes(Apply(Encoding.Latin1.GetString(bytes)));

    /// <summary>The text with every password value replaced.</summary>
    public static string Apply(string text)
    {
        int at = FindField(text, 0);
        if (at < 0)
        {
            return text;
        }

        var masked = new StringBuilder(text.Length);
        int copied = 0;
        while (at >= 0)
        {
            int valueStart = at + 3;
            int valueEnd = valueStart;
            while (valueEnd < text.Length && !IsEnd(text[valueEnd]))
            {
                valueEnd++;
            }

            masked.Append(text, copied, valueStart - copied);
            if (valueEnd > valueStart)
            {
                masked.Append(Mask);
            }

            copied = valueEnd;
            at = FindField(text, valueEnd);
        }

        return masked.Append(text, copied, text.Length - copied).ToString();
    }

    private static int FindField(string text, int from)
    {
        return text.IndexOf("PW=", from, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsEnd(char c) => c is ';' or '&' or ',' or '\r' or '\n';
}
