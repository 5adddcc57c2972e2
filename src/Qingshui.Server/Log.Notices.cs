using Microsoft.Extensions.Logging;

namespace Qingshui.Server;

/// <summary>Notice delivery log messages (event ids 64xx). Receivers are named, never their addresses or secrets.</summary>
internal static partial class Log
{
    [LoggerMessage(6401, LogLevel.Information, "Notice #{Id} {Kind} {Reference} stored and shown on dashboards; owed to {Receivers} receivers")]
    public static partial void NoticePosted(ILogger logger, long id, string kind, string reference, int receivers);

    [LoggerMessage(6402, LogLevel.Information, "Notice #{Id} delivered to {Receiver} at attempt {Attempt}")]
    public static partial void NoticeDelivered(ILogger logger, long id, string receiver, int attempt);

    [LoggerMessage(6403, LogLevel.Warning, "Notice #{Id} not delivered to {Receiver} at attempt {Attempt}: {Error}; next attempt in {Delay}, later notices to it wait")]
    public static partial void NoticeNotDelivered(ILogger logger, long id, string receiver, int attempt, string? error, TimeSpan delay);

    [LoggerMessage(6404, LogLevel.Error, "Notice #{Id} given up for {Receiver} after {Attempt} attempts: {Error}; a coordinator or admin can retry it")]
    public static partial void NoticeGivenUp(ILogger logger, long id, string receiver, int attempt, string? error);

    [LoggerMessage(6405, LogLevel.Error, "Delivery to {Receiver} paused for {Delay}: the store could not be read or written")]
    public static partial void NoticeStoreFailed(ILogger logger, Exception exception, string receiver, TimeSpan delay);

    [LoggerMessage(6406, LogLevel.Error, "Notice {Kind} {Reference} could not be stored: shown on dashboards now, but not delivered to receivers")]
    public static partial void NoticeNotStored(ILogger logger, Exception exception, string kind, string reference);

    [LoggerMessage(6407, LogLevel.Information, "Notice delivery: {Receivers} receivers configured ({Names}); pending deliveries resume")]
    public static partial void NoticeReceivers(ILogger logger, int receivers, string names);
}
