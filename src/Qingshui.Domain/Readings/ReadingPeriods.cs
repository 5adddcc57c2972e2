using System.Globalization;

namespace Qingshui.Domain.Readings;

/// <summary>Where the period of each <see cref="ReadingKind"/> begins on a station's clock.</summary>
/// <remarks>
/// A minute value starts on a whole minute, an hourly value (CN 2061) on the hour, a four-hourly value at 00, 04, 08,
/// 12, 16 or 20 o'clock, a daily value (CN 2031) at midnight, each read on the station's clock (its UTC offset, Beijing
/// time for stations in China): the export and the loggers write the period's start. A real-time value or a sample is
/// taken at any instant. A time off its boundary (an hourly value at 08:17) would be stored as a period of its own.
/// </remarks>
public static class ReadingPeriods
{
    /// <summary>Whether <paramref name="start"/> begins a period of <paramref name="kind"/> on a clock at <paramref name="offset"/>.</summary>
    public static bool IsStart(ReadingKind kind, DateTimeOffset start, TimeSpan offset)
    {
        long ticks = start.ToOffset(offset).TimeOfDay.Ticks;
        return kind switch
        {
            ReadingKind.Minute => ticks % TimeSpan.TicksPerMinute == 0,
            ReadingKind.Hour => ticks % TimeSpan.TicksPerHour == 0,
            ReadingKind.FourHour => ticks % (4 * TimeSpan.TicksPerHour) == 0,
            ReadingKind.Day => ticks == 0,
            _ => true,
        };
    }

    /// <summary>Where a period of <paramref name="kind"/> begins, in words, for a message (the offset as <c>UTC+08:00</c>).</summary>
    public static string DescribeStart(ReadingKind kind, TimeSpan offset)
    {
        string clock = string.Create(CultureInfo.InvariantCulture, $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset.Duration():hh\\:mm}");
        return kind switch
        {
            ReadingKind.Minute => $"a minute value starts on a whole minute (station clock {clock})",
            ReadingKind.Hour => $"an hourly value starts on the hour (station clock {clock})",
            ReadingKind.FourHour => $"a four-hourly value starts at 00, 04, 08, 12, 16 or 20 o'clock (station clock {clock})",
            ReadingKind.Day => $"a daily value starts at midnight (station clock {clock})",
            _ => "any instant",
        };
    }
}
