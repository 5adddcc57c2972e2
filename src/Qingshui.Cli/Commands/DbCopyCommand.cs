using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Qingshui.Cli.Copy;
using Qingshui.Server.Cluster;
using Qingshui.Storage;
using Qingshui.Storage.Postgres;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Cli.Commands;

/// <summary>
/// <c>qingshui db copy --from sqlite:PATH --to "Host=…"</c>: a basin's whole store into PostgreSQL, table by table, then
/// each table's row count and checksum compared on both sides.
/// </summary>
internal static class DbCopyCommand
{
    private const int BatchRows = 50_000;

    public static Command Create()
    {
        Option<string> from = new("--from") { Description = "The SQLite store to copy, as sqlite:PATH (brought up to this build's schema first).", Required = true };
        Option<string> to = new("--to") { Description = "The PostgreSQL connection string (migrated first); its owner (or a superuser): the copy turns the copied tables' insert triggers off while rows arrive.", Required = true };
        Option<bool> allowNonEmpty = new("--allow-non-empty") { Description = "Copy even when the target's tables already hold rows (rows that collide fail the copy)." };
        var command = new Command("copy", "Copies every table of a SQLite store into PostgreSQL by binary COPY in one transaction, then verifies each table's rows and checksum.")
        {
            from, to, allowNonEmpty,
        };
        command.SetAction((parse, ct) => ExecuteAsync(
            parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(allowNonEmpty), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    internal static async Task<int> ExecuteAsync(string from, string to, bool allowNonEmpty, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!from.StartsWith("sqlite:", StringComparison.Ordinal) || from.Length == "sqlite:".Length)
        {
            await error.WriteLineAsync("--from: give the SQLite store as sqlite:PATH");
            return ExitCodes.Usage;
        }

        string path = from["sqlite:".Length..];
        if (!File.Exists(path) || DatabaseFile.Problem(path, "--from") is not null)
        {
            await error.WriteLineAsync((DatabaseFile.Problem(path, "--from")?.Message) ?? $"--from: {Path.GetFullPath(path)}: no such database");
            return ExitCodes.InvalidInput;
        }

        if (!PlatformStores.IsPostgres(to))
        {
            await error.WriteLineAsync("--to: give a PostgreSQL connection string (Host=…;Database=…)");
            return ExitCodes.Usage;
        }

        try
        {
            // The file at this build's schema, so its columns are the ones the PostgreSQL migrations mirror.
            await (await SqliteStore.OpenAsync(new SqliteStoreOptions(path), TimeProvider.System, cancellationToken)).DisposeAsync();
            await PostgresStore.MigrateAsync(PlatformStores.ConnectionOptions(to), cancellationToken);
            await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await source.OpenAsync(cancellationToken);
            await using var target = new NpgsqlConnection(to);
            await target.OpenAsync(cancellationToken);
            return await CopyAsync(source, target, allowNonEmpty, PlatformStores.Describe(to), output, error, cancellationToken);
        }
        catch (StoreException e)
        {
            await error.WriteLineAsync($"cannot open a store: {e.Message}");
            return ExitCodes.RuntimeFailure;
        }
        catch (NpgsqlException e)
        {
            string why = e is PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege }
                ? " (the copy turns the tables' insert triggers off while rows arrive: connect as the owner of the tables, the role that migrated them)"
                : "";
            await error.WriteLineAsync($"PostgreSQL refused the copy, nothing was copied: {e.Message}{why}");
            return ExitCodes.RuntimeFailure;
        }
        catch (FormatException e)
        {
            await error.WriteLineAsync($"a value cannot be copied, nothing was copied: {e.Message}");
            return ExitCodes.InvalidInput;
        }
    }

    private static async Task<int> CopyAsync(
        SqliteConnection source, NpgsqlConnection target, bool allowNonEmpty, string described, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        (IReadOnlyList<CopyTable> tables, IReadOnlyList<string> problems) = await SchemaMatch.PairAsync(source, target, cancellationToken);
        if (problems.Count > 0)
        {
            foreach (string problem in problems)
            {
                await error.WriteLineAsync(problem);
            }

            await error.WriteLineAsync($"the schemas differ in {problems.Count} place(s): nothing was copied");
            return ExitCodes.InvalidInput;
        }

        var copier = new DatabaseCopier(source, target, BatchRows);
        IReadOnlyList<string> filled = await copier.NonEmptyAsync(tables, cancellationToken);
        if (filled.Count > 0 && !allowNonEmpty)
        {
            await error.WriteLineAsync($"{described} already holds rows in {string.Join(", ", filled)}: nothing was copied (--allow-non-empty copies anyway)");
            return ExitCodes.InvalidInput;
        }

        IReadOnlyDictionary<string, long> copied = await copier.CopyAsync(tables, cancellationToken);
        await output.WriteLineAsync("table\tcopied\trows\tchecksum\tverdict");
        int mismatches = 0;
        foreach (CopyTable table in tables)
        {
            TableVerdict verdict = await copier.VerifyAsync(table, cancellationToken);
            mismatches += verdict.Matches ? 0 : 1;
            string outcome = verdict.Matches ? "ok" : string.Create(CultureInfo.InvariantCulture, $"MISMATCH: SQLite has {verdict.SourceRows} rows, checksum {verdict.SourceChecksum}");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{table.Name}\t{copied[table.Name]}\t{verdict.TargetRows}\t{verdict.TargetChecksum}\t{outcome}"));
        }

        long total = copied.Values.Sum();
        if (mismatches > 0)
        {
            await error.WriteLineAsync($"{mismatches} of {tables.Count} tables differ after the copy");
            return ExitCodes.RuntimeFailure;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{tables.Count} tables, {total} rows copied to {described}; counts and checksums match"));
        return ExitCodes.Ok;
    }
}
