using System.Globalization;

namespace Qingshui.Server.Ingest;

/// <summary>
/// How far from the server's clock a packet's DataTime may be and still give readings. A logger whose clock was reset
/// to 2000 or jumped to 2099 would otherwise write readings into years nobody looks at, or into the future, where they
/// pose as the latest values.
/// </summary>
/// <remarks>
/// The window is wide into the past on purpose: answers to history requests (2031/2051/2061 sent on request) and
/// back-fills after an outage legitimately carry old times, and the demo back-fills two years. It is narrow into the
/// future: a period start after the clock is impossible for data already measured, so only clock drift is tolerated.
/// </remarks>
internal sealed class DataTimeWindow(ServerOptions options)
{
    /// <summary>Why a DataTime is outside the window, or <c>null</c> when it is inside.</summary>
    public string? Check(DateTimeOffset dataTime, DateTimeOffset now)
    {
        if (dataTime > now + options.DataTimeAhead)
        {
            return Describe(dataTime, dataTime - now, "ahead of");
        }

        return dataTime < now - options.DataTimeBehind ? Describe(dataTime, now - dataTime, "behind") : null;
    }

    private string Describe(DateTimeOffset dataTime, TimeSpan by, string side) => string.Create(CultureInfo.InvariantCulture,
        $"DataTime {dataTime:yyyy-MM-ddTHH:mm:sszzz} is {Span(by)} {side} the server clock (accepted: {Span(options.DataTimeBehind)} behind to {Span(options.DataTimeAhead)} ahead): readings not stored");

    private static string Span(TimeSpan span) => span.TotalDays >= 2
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(span.TotalDays):0} days")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(span.TotalMinutes):0} min");
}
