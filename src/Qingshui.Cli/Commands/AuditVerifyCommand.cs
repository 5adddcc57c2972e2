using System.CommandLine;
using System.Globalization;
using Qingshui.Domain.Audit;
using Qingshui.Storage;
using Qingshui.Storage.Postgres;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Cli.Commands;

/// <summary>
/// <c>qingshui audit verify</c>: walks the audit log's hash chain. Exit 0 with the count and head hash when intact,
/// 1 naming the first broken entry (sequence, time, why) when not.
/// </summary>
internal static class AuditVerifyCommand
{
    internal sealed record Settings(string Database);

    // Entries read per query: a long log is checked without holding it in memory.
    private const int BatchSize = 1000;

    public static Command Create()
    {
        Option<string> database = AuditCommand.DatabaseOption();
        var command = new Command("verify", "Check the audit log's hash chain; exit 1 naming the first broken entry.") { database };
        command.SetAction((parse, ct) => ExecuteAsync(
            new Settings(parse.GetValue(database)!), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    internal static IReadOnlyList<string> Validate(Settings settings) =>
        string.IsNullOrWhiteSpace(settings.Database) ? ["--db: give the database file"] : [];

    internal static async Task<int> ExecuteAsync(Settings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        foreach (string problem in Validate(settings))
        {
            await error.WriteLineAsync(problem);
            return ExitCodes.Usage;
        }

        (IPlatformStore? store, int exitCode) = await AuditCommand.OpenAsync(settings.Database, error, cancellationToken);
        if (store is null)
        {
            return exitCode;
        }

        await using (store)
        {
            var verifier = new AuditVerifier();
            long after = 0;
            while (await store.ReadAsync(after, BatchSize, cancellationToken) is { Count: > 0 } batch && batch.All(verifier.Check))
            {
                after = batch[^1].Sequence;
            }

            // Whoever has rights over the file or the schema can drop or disable a guard; the chain is checked either way.
            IReadOnlyList<string> missing = store switch
            {
                SqliteStore file => await file.MissingAuditGuardsAsync(cancellationToken),
                PostgresStore database => await database.MissingAuditGuardsAsync(cancellationToken),
                _ => [],
            };
            foreach (string guard in missing)
            {
                await error.WriteLineAsync(store is SqliteStore
                    ? $"warning: trigger {guard} is missing: the file was edited outside Qingshui"
                    : $"warning: trigger {guard} does not guard audit_log (dropped, disabled or changed): the database was altered outside Qingshui");
            }

            if (verifier.Break is AuditBreak broken)
            {
                string at = AuditChain.TimeText(broken.At);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"entry {broken.Sequence} ({at}) is broken: {Words(broken.Reason)}: {broken.Detail}; {Entries(verifier.Intact)} before it intact"));
                return ExitCodes.InvalidInput;
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{Entries(verifier.Intact)}, chain intact; head {verifier.Head}"));
            return ExitCodes.Ok;
        }
    }

    private static string Entries(long count) => string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? "entry" : "entries")}");

    private static string Words(AuditBreakReason reason) => reason switch
    {
        AuditBreakReason.SequenceGap => "sequence gap",
        AuditBreakReason.BrokenLink => "broken link",
        _ => "content changed",
    };
}
