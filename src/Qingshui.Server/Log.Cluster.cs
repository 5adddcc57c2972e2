using Microsoft.Extensions.Logging;

namespace Qingshui.Server;

/// <summary>Log messages of nodes sharing one database (event ids 75xx).</summary>
internal static partial class Log
{
    [LoggerMessage(7501, LogLevel.Warning, "Could not tell the other nodes of {Records} committed records; they rebuild from the store when their feed returns")]
    public static partial void CommitFeedPublishFailed(ILogger logger, Exception exception, int records);

    [LoggerMessage(7502, LogLevel.Error, "Could not apply {Records} records another node committed; the next ones are applied")]
    public static partial void CommitFeedApplyFailed(ILogger logger, Exception exception, int records);

    [LoggerMessage(7503, LogLevel.Warning, "The commit feed was cut off: live state, caches and held split parts rebuilt from the store")]
    public static partial void CommitFeedGap(ILogger logger);

    [LoggerMessage(7504, LogLevel.Warning, "Listening for other nodes' commits failed; trying again")]
    public static partial void CommitFeedListenFailed(ILogger logger, Exception exception);

    [LoggerMessage(7505, LogLevel.Information, "This node now runs the {Job} job")]
    public static partial void JobTaken(ILogger logger, string job);

    [LoggerMessage(7506, LogLevel.Warning, "Could not tell the other nodes of a change ({Kind} {Subject}); they reload it from the store when their feed returns")]
    public static partial void ClusterNoteFailed(ILogger logger, Exception exception, string kind, string subject);

    [LoggerMessage(7507, LogLevel.Error, "Could not apply a change another node made ({Kind} {Subject})")]
    public static partial void ClusterNoteApplyFailed(ILogger logger, Exception exception, string kind, string subject);
}
