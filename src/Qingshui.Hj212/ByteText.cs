using System.Text;

namespace Qingshui.Hj212;

/// <summary>
/// Renders raw bytes as readable text for error reports, with the C-style escapes used by capture files
/// (<c>\r</c>, <c>\n</c>, <c>\\</c>, <c>\xNN</c>).
/// </summary>
public static class ByteText
{
    /// <summary>Escapes up to <paramref name="maxBytes"/> bytes; longer input ends with an ellipsis.</summary>
    public static string Escape(ReadOnlySpan<byte> bytes, int maxBytes = 96)
    {
        var builder = new StringBuilder(Math.Min(bytes.Length, maxBytes) + 8);
        int count = Math.Min(bytes.Length, maxBytes);
        for (int i = 0; i < count; i++)
        {
            AppendEscaped(builder, bytes[i]);
        }

        if (bytes.Length > maxBytes)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }

    /// <summary>Escapes a whole byte sequence.</summary>
    public static string EscapeAll(ReadOnlySpan<byte> bytes) => Escape(bytes, int.MaxValue);

    /// <summary>Turns escaped text back into bytes (the inverse of <see cref="EscapeAll"/>); non-ASCII characters become UTF-8.</summary>
    public static bool TryUnescape(string text, out byte[] bytes, out int errorIndex)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c != '\\')
            {
                int written = Encoding.UTF8.GetBytes(text.AsSpan(i, char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1), utf8);
                if (char.IsHighSurrogate(c))
                {
                    i++;
                }

                for (int k = 0; k < written; k++)
                {
                    output.Add(utf8[k]);
                }

                continue;
            }

            if (i + 1 >= text.Length)
            {
                (bytes, errorIndex) = ([], i);
                return false;
            }

            char next = text[++i];
            switch (next)
            {
                case 'r': output.Add((byte)'\r'); break;
                case 'n': output.Add((byte)'\n'); break;
                case 't': output.Add((byte)'\t'); break;
                case '0': output.Add(0); break;
                case '\\': output.Add((byte)'\\'); break;
                case 'x' when i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]):
                    output.Add((byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
                    i += 2;
                    break;
                default:
                    (bytes, errorIndex) = ([], i - 1);
                    return false;
            }
        }

        bytes = [.. output];
        errorIndex = -1;
        return true;
    }

    private static void AppendEscaped(StringBuilder builder, byte b)
    {
        switch (b)
        {
            case (byte)'\r': builder.Append("\\r"); break;
            case (byte)'\n': builder.Append("\\n"); break;
            case (byte)'\\': builder.Append("\\\\"); break;
            case >= 0x20 and < 0x7F: builder.Append((char)b); break;
            default:
                builder.Append("\\x").Append(HexDigit(b >> 4)).Append(HexDigit(b & 0xF));
                break;
        }
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'A' + value - 10);

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static int HexValue(char c) => c switch
    {
        <= '9' => c - '0',
        <= 'F' => c - 'A' + 10,
        _ => c - 'a' + 10,
    };
}
