using System.Buffers.Text;

namespace Qingshui.Hj212;

/// <summary>Reads decimal numbers from ASCII exactly as written (scale kept: "231.0" stays 231.0), with a fast path for plain notation.</summary>
internal static class DecimalText
{
    public static bool TryParse(ReadOnlySpan<byte> text, out decimal value)
    {
        // Fast path: [sign] digits [. digits], at most 18 significant digits, which is every value HJ 212 sends (N14.2 and the like).
        int i = 0;
        bool negative = false;
        if (text.Length > 0 && text[0] is (byte)'-' or (byte)'+')
        {
            negative = text[0] == '-';
            i = 1;
        }

        long mantissa = 0;
        int digits = 0, scale = -1;
        for (; i < text.Length; i++)
        {
            byte c = text[i];
            uint digit = unchecked((uint)(c - '0'));
            if (digit <= 9)
            {
                if (++digits > 18)
                {
                    return SlowPath(text, out value);
                }

                mantissa = (mantissa * 10) + digit;
                scale += scale >= 0 ? 1 : 0;
            }
            else if (c == '.' && scale < 0)
            {
                scale = 0;
            }
            else
            {
                return SlowPath(text, out value);
            }
        }

        if (digits == 0)
        {
            value = default;
            return false;
        }

        value = new decimal(unchecked((int)mantissa), unchecked((int)(mantissa >> 32)), 0, negative, (byte)Math.Max(scale, 0));
        return true;
    }

    private static bool SlowPath(ReadOnlySpan<byte> text, out decimal value) =>
        Utf8Parser.TryParse(text, out value, out int consumed, 'E') && consumed == text.Length
        || (Utf8Parser.TryParse(text, out value, out consumed) && consumed == text.Length);
}
