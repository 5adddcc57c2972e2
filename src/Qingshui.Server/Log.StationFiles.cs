using Microsoft.Extensions.Logging;

namespace Qingshui.Server;

/// <summary>Files stations send over HJ 212 (5900–5909).</summary>
internal static partial class Log
{
    [LoggerMessage(5900, LogLevel.Information, "Station {Station} sent a file: kept as station file {Id} ({Kind}, {Size} bytes)")]
    public static partial void StationFileKept(ILogger logger, string station, long id, string kind, long size);

    [LoggerMessage(5901, LogLevel.Warning, "A file from station {Station} was not kept: {Reason}; its packets are in the raw log ({Suppressed} more such lines suppressed)")]
    public static partial void StationFileRefused(ILogger logger, string station, string reason, long suppressed);
}
