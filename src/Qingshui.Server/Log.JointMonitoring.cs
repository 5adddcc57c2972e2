using Microsoft.Extensions.Logging;

namespace Qingshui.Server;

/// <summary>Joint monitoring log messages (event ids 681x).</summary>
internal static partial class Log
{
    [LoggerMessage(6811, LogLevel.Information, "Discrepancy #{Id} opened at section {Section}: {Item} {Period} differs by {Difference} beyond the tolerance")]
    public static partial void DiscrepancyOpened(ILogger logger, long id, string section, string item, string period, decimal difference);

    [LoggerMessage(6812, LogLevel.Error, "Discrepancy scan failed; the next scan goes on")]
    public static partial void DiscrepancyScanFailed(ILogger logger, Exception exception);

    [LoggerMessage(6814, LogLevel.Warning, "Discrepancy queue full: {Stations} stations' committed readings not compared now; the next scan compares them")]
    public static partial void DiscrepancyQueueFull(ILogger logger, int stations);

    [LoggerMessage(6813, LogLevel.Information, "Discrepancy #{Id} closed by {Actor} ({Organisation}): {Cause}")]
    public static partial void DiscrepancyClosed(ILogger logger, long id, string actor, string organisation, string cause);
}
