using System.CommandLine;
using Qingshui.Storage;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Cli.Commands;

/// <summary><c>qingshui audit</c>: the audit log kept in the store (<c>verify</c>, <c>list</c>).</summary>
internal static class AuditCommand
{
    public static Command Create() => new("audit", "The audit log: every ledger write and refused attempt, hash-chained.")
    {
        AuditVerifyCommand.Create(),
        AuditListCommand.Create(),
    };

    internal static Option<string> DatabaseOption() => new("--db") { Description = "The store holding the audit log.", Required = true };

    /// <summary>Why the database cannot be opened for the audit log, with the exit code; <c>null</c> when it can. Never creates one.</summary>
    internal static (string Message, int ExitCode)? Problem(string database) =>
        File.Exists(database) ? DatabaseFile.Problem(database, "--db") : ($"{database}: no such database", ExitCodes.InvalidInput);

    /// <summary>Opens an existing store; on failure writes one line and returns <c>null</c>.</summary>
    internal static async Task<SqliteStore?> OpenAsync(string database, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            return await SqliteStore.OpenAsync(new SqliteStoreOptions(database), TimeProvider.System, cancellationToken);
        }
        catch (StoreException e)
        {
            await error.WriteLineAsync($"{database}: not a Qingshui database ({e.InnerException?.Message ?? e.Message})");
            return null;
        }
    }
}
