using Qingshui.Storage;
using Qingshui.Server.Cluster;

namespace Qingshui.Cli.Commands;

/// <summary>Opens the store for <c>users</c> and <c>orgs</c>: the path checked first, a failure one line and an exit code.</summary>
internal static class AccountStoreFile
{
    public const string Description = "The store: a SQLite file (created with its folder's permission when missing, so the first admin can be added before the first serve), or a PostgreSQL connection string such as \"Host=db1;Database=qingshui;Username=qingshui\".";

    public static async Task<(IPlatformStore? Store, int ExitCode)> OpenAsync(string database, TextWriter error, CancellationToken cancellationToken)
    {
        if (!PlatformStores.IsPostgres(database) && DatabaseFile.Problem(database, "--db") is (string message, int exitCode))
        {
            await error.WriteLineAsync(message);
            return (null, exitCode);
        }

        try
        {
            return (await PlatformStores.OpenAsync(database, TimeProvider.System, fullSync: true, cancellationToken), ExitCodes.Ok);
        }
        catch (StoreException e)
        {
            await error.WriteLineAsync($"{PlatformStores.Describe(database)}: cannot open the store ({e.InnerException?.Message ?? e.Message})");
            return (null, ExitCodes.RuntimeFailure);
        }
    }
}
