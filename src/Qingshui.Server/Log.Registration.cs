using Microsoft.Extensions.Logging;

namespace Qingshui.Server;

/// <summary>HJ 212-2025 registration and key log messages (event ids 58xx). A key's value is never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(5801, LogLevel.Information, "Data logger {LoggerId} at {Remote} announced its hardware identity (1001); pending an MN")]
    public static partial void LoggerAnnounced(ILogger logger, string remote, string loggerId);

    [LoggerMessage(5802, LogLevel.Warning, "Hardware identity (1001) from {Remote} refused: {Reason} ({Suppressed} similar lines from this address suppressed)")]
    public static partial void AnnouncementRefused(ILogger logger, string remote, string reason, long suppressed);

    [LoggerMessage(5803, LogLevel.Information, "Data logger {LoggerId}, assigned {Mn} on another node or not yet confirmed, was sent its assignment (1002) from here: {State}")]
    public static partial void AssignmentForwarded(ILogger logger, string loggerId, string mn, string state);

    [LoggerMessage(5804, LogLevel.Warning, "Data logger {LoggerId} was assigned an MN, but sending it from here failed; calling again or the logger announcing itself again resends it")]
    public static partial void AssignmentForwardFailed(ILogger logger, Exception exception, string loggerId);

    [LoggerMessage(5805, LogLevel.Warning, "Data logger {LoggerId} was assigned {Mn}, but no connection here announced the CPU id and MACs recorded at its assignment: not sent")]
    public static partial void AssignmentWithheld(ILogger logger, string loggerId, string mn);
}
