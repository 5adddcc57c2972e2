using System.Globalization;

namespace Qingshui.Hj212;

/// <summary>HJ 212 times: <c>YYYYMMDDhhmmss</c> (DataTime, SystemTime, BeginTime) and <c>YYYYMMDDhhmmsszzz</c> (QN).</summary>
/// <remarks>
/// Stations send local wall-clock time without an offset; the codec attaches the station's configured offset
/// (normally UTC+8), so no <see cref="DateTime"/> of unspecified kind leaves the codec. A 17-digit DataTime (with
/// milliseconds), which real loggers send, is accepted.
/// </remarks>
public static class Hj212Time
{
    /// <summary>Beijing time, which stations normally report.</summary>
    public static TimeSpan ChinaStandardOffset { get; } = TimeSpan.FromHours(8);

    /// <summary>Parses 14 digits (seconds) or 17 digits (milliseconds) as a time at the given offset.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, TimeSpan offset, out DateTimeOffset time)
    {
        time = default;
        if (text.Length is not (14 or 17))
        {
            return false;
        }

        foreach (byte b in text)
        {
            if (unchecked((uint)(b - (byte)'0')) > 9)
            {
                return false;
            }
        }

        int year = Digits(text, 0, 4), month = Digits(text, 4, 2), day = Digits(text, 6, 2);
        int hour = Digits(text, 8, 2), minute = Digits(text, 10, 2), second = Digits(text, 12, 2);
        int millisecond = text.Length == 17 ? Digits(text, 14, 3) : 0;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new DateTimeOffset(year, month, day, hour, minute, second, millisecond, offset);
        return true;
    }

    /// <summary>Parses a time given as text.</summary>
    public static bool TryParse(string text, TimeSpan offset, out DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> bytes = stackalloc byte[17];
        if (text.Length > 17)
        {
            time = default;
            return false;
        }

        for (int i = 0; i < text.Length; i++)
        {
            bytes[i] = text[i] < 128 ? (byte)text[i] : (byte)0;
        }

        return TryParse(bytes[..text.Length], offset, out time);
    }

    /// <summary>Formats as <c>YYYYMMDDhhmmss</c> in the time's own offset.</summary>
    public static string Format(DateTimeOffset time) => time.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    /// <summary>Formats as a QN (<c>YYYYMMDDhhmmsszzz</c>) in the time's own offset.</summary>
    public static string FormatRequestId(DateTimeOffset time) => time.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);

    private static int Digits(ReadOnlySpan<byte> text, int start, int count)
    {
        int value = 0;
        for (int i = start; i < start + count; i++)
        {
            value = (value * 10) + (text[i] - '0');
        }

        return value;
    }
}
