using System.Buffers.Text;

namespace Qingshui.Cli.Commands;

/// <summary>
/// ISO 8601 text of a time with its offset, <c>2024-06-01T08:00:00+08:00</c> (milliseconds only when not zero, as the
/// format <c>yyyy-MM-ddTHH:mm:ss.FFFzzz</c> gives), written as UTF-8 digits without a format string to interpret.
/// </summary>
internal static class IsoTime
{
    /// <summary>Writes <paramref name="time"/> into <paramref name="buffer"/> (at least 29 bytes) and returns the written part.</summary>
    public static ReadOnlySpan<byte> Format(DateTimeOffset time, Span<byte> buffer)
    {
        int at = 0;
        Digits(buffer, ref at, time.Year, 4);
        buffer[at++] = (byte)'-';
        Digits(buffer, ref at, time.Month, 2);
        buffer[at++] = (byte)'-';
        Digits(buffer, ref at, time.Day, 2);
        buffer[at++] = (byte)'T';
        Digits(buffer, ref at, time.Hour, 2);
        buffer[at++] = (byte)':';
        Digits(buffer, ref at, time.Minute, 2);
        buffer[at++] = (byte)':';
        Digits(buffer, ref at, time.Second, 2);
        int fraction = (int)(time.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMillisecond);
        if (fraction != 0)
        {
            // FFF: up to three digits, trailing zeros dropped.
            buffer[at++] = (byte)'.';
            int places = fraction % 100 == 0 ? 1 : fraction % 10 == 0 ? 2 : 3;
            Digits(buffer, ref at, places == 1 ? fraction / 100 : places == 2 ? fraction / 10 : fraction, places);
        }

        int minutes = (int)time.Offset.TotalMinutes;
        buffer[at++] = minutes < 0 ? (byte)'-' : (byte)'+';
        minutes = Math.Abs(minutes);
        Digits(buffer, ref at, minutes / 60, 2);
        buffer[at++] = (byte)':';
        Digits(buffer, ref at, minutes % 60, 2);
        return buffer[..at];
    }

    private static void Digits(Span<byte> buffer, ref int at, int value, int width)
    {
        Utf8Formatter.TryFormat(value, buffer.Slice(at, width), out _, new System.Buffers.StandardFormat('D', (byte)width));
        at += width;
    }
}
