using Microsoft.Extensions.Logging;

namespace Qingshui.Server;

/// <summary>Joint meetings' log messages (event ids 711x).</summary>
internal static partial class Log
{
    [LoggerMessage(7111, LogLevel.Warning, "Joint meetings {Year}: {Scheduled} of at least {Minimum} scheduled; reminder posted")]
    public static partial void MeetingReminderPosted(ILogger logger, int year, int scheduled, int minimum);

    [LoggerMessage(7112, LogLevel.Error, "The joint meeting reminder check failed; it runs again at the next interval")]
    public static partial void MeetingReminderFailed(ILogger logger, Exception exception);
}
