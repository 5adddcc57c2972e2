namespace Qingshui.Hj212;

/// <summary>
/// Requests the host sends to a station (HJ 212-2017 §6.6): time calibration (1011, 1012; 1013 is answered with
/// <see cref="Replies.NoticeAcknowledgement"/> and followed by 1012), the real-time data interval (1061, 1062) and
/// history requests (2031, 2051, 2061).
/// Each asks for an answer (Flag bit A set), which the station gives with 9011, the data, then 9012.
/// </summary>
public static class HostCommands
{
    /// <summary>1011: ask for the data logger's (or, with <paramref name="pollutantId"/>, an instrument's) time.</summary>
    public static Hj212Message GetTime(string requestId, StationAddress station, string? pollutantId = null) =>
        Request(requestId, station, CommandCode.GetTime, PollutantField(pollutantId));

    /// <summary>1012: set the data logger's (or an instrument's) time.</summary>
    public static Hj212Message SetTime(string requestId, StationAddress station, DateTimeOffset time, string? pollutantId = null) =>
        Request(requestId, station, CommandCode.SetTime, [.. PollutantField(pollutantId), new("SystemTime", Hj212Time.Format(time))]);

    /// <summary>1061: ask for the real-time data interval; the station answers 9011, a 1061 upload with <c>RtdInterval</c>, then 9012.</summary>
    public static Hj212Message GetRealtimeInterval(string requestId, StationAddress station) =>
        Request(requestId, station, CommandCode.GetRealtimeInterval, []);

    /// <summary>1062: set the real-time data interval to <paramref name="seconds"/> (<see cref="RealtimeInterval.MinSeconds"/>–<see cref="RealtimeInterval.MaxSeconds"/>).</summary>
    public static Hj212Message SetRealtimeInterval(string requestId, StationAddress station, int seconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, RealtimeInterval.MinSeconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seconds, RealtimeInterval.MaxSeconds);
        return Request(requestId, station, CommandCode.SetRealtimeInterval,
            [new(RealtimeInterval.FieldName, seconds.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }

    /// <summary>2031 (daily), 2051 (minute) or 2061 (hourly): ask for the history between two times, both inclusive.</summary>
    public static Hj212Message RequestHistory(string requestId, StationAddress station, string command, DateTimeOffset begin, DateTimeOffset end)
    {
        if (command is not (CommandCode.DailyData or CommandCode.MinuteData or CommandCode.HourlyData))
        {
            throw new ArgumentOutOfRangeException(nameof(command), command, "history requests are 2031, 2051 or 2061");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(begin, end);
        return Request(requestId, station, command, [new("BeginTime", Hj212Time.Format(begin)), new("EndTime", Hj212Time.Format(end))]);
    }

    /// <summary>
    /// 1014 (HJ 212-2025): send the station a new data-area key (<c>NewSK</c>, 32 hexadecimal digits) made at
    /// <paramref name="createdAt"/> (<c>SKCreateTime</c>). The data area is to be encrypted with the station's current
    /// key before it is sent (<see cref="DataAreaEncryption.Encrypt"/>).
    /// </summary>
    public static Hj212Message KeyExchange(string requestId, StationAddress station, DateTimeOffset createdAt, ReadOnlySpan<byte> newKey) =>
        Request(requestId, station, CommandCode.KeyExchange,
            [new("SKCreateTime", Hj212Time.FormatRequestId(createdAt)), new("NewSK", Convert.ToHexString(newKey))]);

    /// <summary>
    /// 1002 (HJ 212-2025): give the data logger whose hardware id is <paramref name="loggerId"/> its MN and access
    /// password; the header carries the new MN and password, the data area the logger id (<c>i23005-Info</c>).
    /// </summary>
    public static Hj212Message SetDeviceId(string requestId, StationAddress assigned, string loggerId) =>
        Request(requestId, assigned, CommandCode.SetDeviceId, [new("i23005-Info", loggerId)]);

    private static KeyValuePair<string, string>[] PollutantField(string? pollutantId) =>
        pollutantId is null ? [] : [new("PolId", pollutantId)];

    private static Hj212Message Request(string requestId, StationAddress station, string command, KeyValuePair<string, string>[] fields)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        ArgumentNullException.ThrowIfNull(station);
        int flag = EditionProfile.For(station.Edition).Flag(acknowledge: true, split: false);
        return new Hj212Message(requestId, station.SystemCode, command, station.Password, station.DeviceId, flag, null, null, DataArea.OfFields(fields));
    }
}
