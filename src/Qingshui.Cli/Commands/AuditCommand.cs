using System.CommandLine;
using Qingshui.Storage;
using Qingshui.Server.Cluster;

namespace Qingshui.Cli.Commands;

/// <summary><c>qingshui audit</c>: the audit log kept in the store (<c>verify</c>, <c>list</c>).</summary>
internal static class AuditCommand
{
    public static Command Create() => new("audit", "The audit log: every ledger write and refused attempt, hash-chained.")
    {
        AuditVerifyCommand.Create(),
        AuditListCommand.Create(),
    };

    internal static Option<string> DatabaseOption() => new("--db") { Description = "The store holding the audit log: " + PlatformStores.DatabaseHelp, Required = true };

    /// <summary>
    /// Opens an existing store for the audit log, never creating one; on failure writes one line and returns the exit
    /// code (a missing file or one that is not a Qingshui database: invalid input; a folder: usage).
    /// </summary>
    internal static async Task<(IPlatformStore? Store, int ExitCode)> OpenAsync(string database, TextWriter error, CancellationToken cancellationToken)
    {
        if (!PlatformStores.IsPostgres(database)
            && (File.Exists(database) ? DatabaseFile.Problem(database, "--db") : ($"{database}: no such database", ExitCodes.InvalidInput)) is var (message, code))
        {
            await error.WriteLineAsync(message);
            return (null, code);
        }

        try
        {
            return (await PlatformStores.OpenAsync(database, TimeProvider.System, fullSync: true, cancellationToken), ExitCodes.Ok);
        }
        catch (StoreException e)
        {
            await error.WriteLineAsync($"{PlatformStores.Describe(database)}: not a Qingshui database ({e.InnerException?.Message ?? e.Message})");
            return (null, ExitCodes.InvalidInput);
        }
    }
}
