using System.Buffers.Text;

namespace Qingshui.Hj212;

/// <summary>
/// Writes a decimal as UTF-8 exactly as .NET writes it (invariant, general format: every digit of its scale, no
/// exponent), with a fast path for the values instruments report: a mantissa that fits in 64 bits, which is every value
/// <see cref="DecimalText"/> reads on its own fast path. The general formatting goes through the runtime's number
/// buffer and costs several times more; a JSON line per packet writes thousands of these a second.
/// </summary>
public static class DecimalUtf8
{
    /// <summary>Longest text this writes: a sign, 29 digits, a point and a leading zero.</summary>
    public const int MaxLength = 32;

    /// <summary>Writes <paramref name="value"/> to <paramref name="destination"/>; <c>false</c> when it does not fit.</summary>
    public static bool TryFormat(decimal value, Span<byte> destination, out int written)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        ulong mantissa = unchecked(((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        if (bits[2] != 0 || mantissa == 0)
        {
            // Beyond 64 bits, and zero (whose sign the runtime drops), are the runtime's to write.
            return Utf8Formatter.TryFormat(value, destination, out written);
        }

        int scale = (bits[3] >> 16) & 0xFF;
        bool negative = bits[3] < 0;
        Span<byte> digits = stackalloc byte[20];
        int count = 0;
        do
        {
            (mantissa, ulong digit) = Math.DivRem(mantissa, 10UL);
            digits[19 - count++] = (byte)('0' + digit);
        }
        while (mantissa != 0);

        ReadOnlySpan<byte> number = digits[(20 - count)..];
        int integerDigits = Math.Max(count - scale, 0);
        int length = (negative ? 1 : 0) + (integerDigits == 0 ? 1 : integerDigits) + (scale > 0 ? 1 + scale : 0);
        if (length > destination.Length)
        {
            written = 0;
            return false;
        }

        int at = 0;
        if (negative)
        {
            destination[at++] = (byte)'-';
        }

        if (integerDigits == 0)
        {
            destination[at++] = (byte)'0';
        }
        else
        {
            number[..integerDigits].CopyTo(destination[at..]);
            at += integerDigits;
        }

        if (scale > 0)
        {
            destination[at++] = (byte)'.';
            int zeros = scale - (count - integerDigits);
            destination.Slice(at, zeros).Fill((byte)'0');
            at += zeros;
            number[integerDigits..].CopyTo(destination[at..]);
            at += count - integerDigits;
        }

        written = at;
        return true;
    }
}
