using System.CommandLine;

namespace Qingshui.Cli.Commands;

/// <summary><c>qingshui alerts</c>: alert rules over stored readings (<c>replay</c>).</summary>
internal static class AlertsCommand
{
    public static Command Create() => new("alerts", "Alert rules: run them over stored history to tune them.")
    {
        AlertsReplayCommand.Create(),
    };
}
