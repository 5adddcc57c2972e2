using Qingshui.Storage;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Cli.Commands;

/// <summary>Opens the store for <c>users</c> and <c>orgs</c>: the path checked first, a failure one line and an exit code.</summary>
internal static class AccountStoreFile
{
    public const string Description = "The store (a SQLite file; created with its folder's permission when missing, so the first admin can be added before the first serve).";

    public static async Task<(SqliteStore? Store, int ExitCode)> OpenAsync(string database, TextWriter error, CancellationToken cancellationToken)
    {
        if (DatabaseFile.Problem(database, "--db") is (string message, int exitCode))
        {
            await error.WriteLineAsync(message);
            return (null, exitCode);
        }

        try
        {
            return (await SqliteStore.OpenAsync(new SqliteStoreOptions(database), TimeProvider.System, cancellationToken), ExitCodes.Ok);
        }
        catch (StoreException e)
        {
            await error.WriteLineAsync($"{database}: cannot open the store ({e.InnerException?.Message ?? e.Message})");
            return (null, ExitCodes.RuntimeFailure);
        }
    }
}
