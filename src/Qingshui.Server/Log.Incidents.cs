using Microsoft.Extensions.Logging;

namespace Qingshui.Server;

/// <summary>Incident log messages (event ids 645x).</summary>
internal static partial class Log
{
    [LoggerMessage(6451, LogLevel.Warning, "Incident #{Id} opened at section {Section} by alert #{Alert}; telling {Organisations}")]
    public static partial void IncidentOpened(ILogger logger, long id, string section, long alert, string organisations);

    [LoggerMessage(6452, LogLevel.Information, "Incident #{Id}: {Step} by {Actor} ({Organisation})")]
    public static partial void IncidentStep(ILogger logger, long id, string step, string actor, string organisation);

    [LoggerMessage(6453, LogLevel.Warning, "Incident #{Id} not acknowledged within {Limit}: escalated")]
    public static partial void IncidentEscalated(ILogger logger, long id, TimeSpan limit);

    [LoggerMessage(6454, LogLevel.Error, "Incident escalation check failed; the next check goes on")]
    public static partial void IncidentEscalationFailed(ILogger logger, Exception exception);

    [LoggerMessage(6455, LogLevel.Warning, "Incident #{Id}: {Purpose} command to {Station} not done: {State} {Detail}")]
    public static partial void IncidentCommandNotDone(ILogger logger, long id, string purpose, string station, string state, string? detail);
}
