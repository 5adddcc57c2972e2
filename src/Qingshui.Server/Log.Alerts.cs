using Microsoft.Extensions.Logging;

namespace Qingshui.Server;

/// <summary>Alert log messages (event ids 61xx).</summary>
internal static partial class Log
{
    [LoggerMessage(6101, LogLevel.Warning, "Alert raised: #{Id} {Rule} at {Station} ({Section}) {Parameter}: {Reason}")]
    public static partial void AlertRaised(ILogger logger, long id, string rule, string station, string? section, string? parameter, string reason);

    [LoggerMessage(6102, LogLevel.Information, "Alert cleared: #{Id} {Rule} at {Station}")]
    public static partial void AlertCleared(ILogger logger, long id, string rule, string station);

    [LoggerMessage(6103, LogLevel.Error, "Alert queue full: {Readings} committed readings were not evaluated for alerts (they are stored; a replay can evaluate them)")]
    public static partial void AlertQueueFull(ILogger logger, int readings);

    [LoggerMessage(6104, LogLevel.Error, "Alert evaluation failed for a batch of {Records} records; the next batch goes on")]
    public static partial void AlertEvaluationFailed(ILogger logger, Exception exception, int records);

    [LoggerMessage(6105, LogLevel.Error, "Alert listener {Listener} failed on alert #{Id}; the others are told and watching goes on")]
    public static partial void AlertListenerFailed(ILogger logger, Exception exception, string listener, long id);

    [LoggerMessage(6106, LogLevel.Information, "Alert rules recalled {Readings} stored readings of the last {Hours} h; {Raised} alerts raised that were missing")]
    public static partial void AlertWarmUp(ILogger logger, int readings, double hours, int raised);

    [LoggerMessage(6107, LogLevel.Error, "Alert rules could not recall the stored history; rules that need history start empty")]
    public static partial void AlertWarmUpFailed(ILogger logger, Exception exception);
}
