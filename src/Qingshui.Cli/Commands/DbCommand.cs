using System.CommandLine;
using Qingshui.Server.Cluster;
using Qingshui.Storage;
using Qingshui.Storage.Postgres;

namespace Qingshui.Cli.Commands;

/// <summary><c>qingshui db</c>: the PostgreSQL database's schema (<c>migrate</c>), moving a SQLite store into it (<c>copy</c>), back-filling readings (<c>load</c>).</summary>
internal static class DbCommand
{
    public static Command Create() => new("db", "The database: migrate a PostgreSQL schema, copy a SQLite store into PostgreSQL, back-fill readings from CSV files.")
    {
        MigrateCommand(),
        DbCopyCommand.Create(),
        DbLoadCommand.Create(),
    };

    private static Command MigrateCommand()
    {
        Option<string> database = new("--db") { Description = "The PostgreSQL connection string, e.g. \"Host=db1;Database=qingshui;Username=qingshui\".", Required = true };
        var command = new Command("migrate",
            "Applies the schema steps the database has not seen, under an advisory lock (nodes starting at once wait for each other; serve also does this).")
        {
            database,
        };
        command.SetAction((parse, ct) => ExecuteMigrateAsync(parse.GetValue(database)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    internal static async Task<int> ExecuteMigrateAsync(string database, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!PlatformStores.IsPostgres(database))
        {
            await error.WriteLineAsync("--db: give a PostgreSQL connection string (Host=…;Database=…); a SQLite file is migrated when it is opened");
            return ExitCodes.Usage;
        }

        try
        {
            IReadOnlyList<int> applied = await PostgresStore.MigrateAsync(PlatformStores.ConnectionOptions(database), cancellationToken);
            int latest = PostgresStore.Migrations.Count == 0 ? 0 : PostgresStore.Migrations.Max(m => m.Version);
            await output.WriteLineAsync(applied.Count == 0
                ? $"{PlatformStores.Describe(database)}: schema up to date (version {latest})"
                : $"{PlatformStores.Describe(database)}: applied {string.Join(", ", applied)}; schema at version {latest}");
            return ExitCodes.Ok;
        }
        catch (StoreException e)
        {
            await error.WriteLineAsync($"{PlatformStores.Describe(database)}: {e.Message}");
            return ExitCodes.RuntimeFailure;
        }
    }
}
