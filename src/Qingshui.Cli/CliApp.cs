using System.CommandLine;
using Qingshui.Cli.Commands;

namespace Qingshui.Cli;

/// <summary>The <c>qingshui</c> command line: one executable, one subcommand per job.</summary>
internal static class CliApp
{
    // A plain command named "qingshui" rather than RootCommand, so help reads the same however the program is started.
    public static Command CreateRoot() => new("qingshui", "Qingshui (清水): cross-boundary river water quality and eco-compensation.")
    {
        new System.CommandLine.Help.HelpOption(),
        DemoCommand.Create(),
        AssessCommand.Create(),
        SettleCommand.Create(),
        AuditCommand.Create(),
        ReviewCommand.Create(),
        AlertsCommand.Create(),
        ServeCommand.Create(),
        SimulateCommand.Create(),
        Hj212Command.Create(),
        UsersCommand.Create(),
        OrgsCommand.Create(),
        TokensCommand.Create(),
        StationsCommand.Create(),
        DbCommand.Create(),
    };

    /// <summary>Parses and runs; usage errors go to <paramref name="error"/> with exit code 2.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ParseResult parsed = CreateRoot().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError parseError in parsed.Errors)
            {
                await error.WriteLineAsync(parseError.Message);
            }

            await error.WriteLineAsync("Run 'qingshui --help' for usage.");
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
    }
}
