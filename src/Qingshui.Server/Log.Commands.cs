using Microsoft.Extensions.Logging;

namespace Qingshui.Server;

/// <summary>Log messages of commands sent to stations (event ids 67xx). A command's frame holds the station's password and is never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(6701, LogLevel.Information, "Command CN={Command} QN={RequestId} to {Station} ({Reference}): {State} {Detail}")]
    public static partial void StationCommandEnded(ILogger logger, string command, string requestId, string station, string reference, string state, string? detail);

    [LoggerMessage(6702, LogLevel.Warning, "Command CN={Command} to {Station} ({Reference}) not sent: the station has no open connection")]
    public static partial void StationNotConnected(ILogger logger, string command, string station, string reference);

    [LoggerMessage(6703, LogLevel.Information, "Real-time interval of {Station}: the station did not report it ({Detail}); {Seconds} s assumed to restore to later")]
    public static partial void IntervalAssumed(ILogger logger, string station, string? detail, int seconds);

    [LoggerMessage(6704, LogLevel.Error, "Owed restore of the real-time interval of {Station} failed; asked again when it next connects")]
    public static partial void OwedRestoreFailed(ILogger logger, Exception exception, string station);
}
