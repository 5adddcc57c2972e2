using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Network;
using Qingshui.Domain.Review;
using Qingshui.Server.Cluster;
using Qingshui.Storage;

namespace Qingshui.Cli.Commands;

/// <summary>
/// <c>qingshui review import --db PATH FILE</c>: applies a reviewer's decisions from a CSV
/// (<c>station,parameter,from,to,action,value,reason[,note]</c>) in one transaction. Every bad line is reported by its number
/// and why, and then nothing is applied (exit 1); a decision reaching into a month closed by review applies nothing either.
/// Each decision is audited as the <c>--by</c> name.
/// </summary>
internal static class ReviewImportCommand
{
    internal sealed record Settings(string Database, string File, string By);

    public static Command Create()
    {
        var database = new Option<string>("--db") { Description = "The store whose readings are reviewed: " + PlatformStores.DatabaseHelp, Required = true };
        var by = new Option<string>("--by") { Description = "Who decides (recorded with each decision and in the audit log).", DefaultValueFactory = _ => Environment.UserName };
        var file = new Argument<string>("file") { Description = "CSV: station,parameter,from,to,action,value,reason[,note]; an optional header line." };
        var command = new Command("import", "Apply a reviewer's decisions from a CSV, all or nothing.") { database, by, file };
        command.SetAction((parse, ct) => ExecuteAsync(new Settings(parse.GetValue(database)!, parse.GetValue(file)!, parse.GetValue(by)!),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, TimeProvider.System, ct));
        return command;
    }

    internal static IReadOnlyList<string> Validate(Settings settings)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(settings.Database))
        {
            problems.Add("--db: give the database file");
        }

        if (string.IsNullOrWhiteSpace(settings.By) || settings.By.Length > 64)
        {
            problems.Add("--by: give who decides (at most 64 characters)");
        }

        return problems;
    }

    internal static async Task<int> ExecuteAsync(Settings settings, TextWriter output, TextWriter error, TimeProvider clock, CancellationToken cancellationToken)
    {
        foreach (string problem in Validate(settings))
        {
            await error.WriteLineAsync(problem);
            return ExitCodes.Usage;
        }

        if (await TextFiles.ReadAsync(settings.File, error, cancellationToken) is not string text)
        {
            return ExitCodes.InvalidInput;
        }

        (IPlatformStore? store, int exitCode) = await AuditCommand.OpenAsync(settings.Database, error, cancellationToken);
        if (store is null)
        {
            return exitCode;
        }

        await using (store)
        {
            Dictionary<string, Station> stations = (await store.StationsAsync(cancellationToken)).ToDictionary(s => s.DeviceId, StringComparer.Ordinal);
            (IReadOnlyList<ReviewDecision> decisions, IReadOnlyList<Domain.Import.InputError> errors) = ReviewCsv.Read(TextFiles.Lines(text),
                ReviewSettings.Default, mn => stations.TryGetValue(mn, out Station? s) ? s.UtcOffset : null, settings.By, "", clock.GetUtcNow());
            if (errors.Count > 0)
            {
                foreach (Domain.Import.InputError e in errors)
                {
                    await error.WriteLineAsync(e.Describe(settings.File));
                }

                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{errors.Count} bad line{(errors.Count == 1 ? "" : "s")}: nothing applied"));
                return ExitCodes.InvalidInput;
            }

            AuditActor actor = AuditActor.CommandLine(settings.By);
            ReviewApplyResult result = await store.ApplyAsync(decisions, (d, readings) => AuditRecord.Create(d.At, actor, "review.decide",
                string.Create(CultureInfo.InvariantCulture, $"{d.StationId}/{d.Parameter}/{d.From:yyyy-MM-ddTHH:mmzzz}/{d.To:yyyy-MM-ddTHH:mmzzz}"),
                AuditOutcome.Done, null, null, JsonSerializer.Serialize(new { action = ReviewActions.Text(d.Action), value = d.Value, reason = d.Reason, note = d.Note, readings })),
                cancellationToken);
            if (result.Refusal is string refused)
            {
                await error.WriteLineAsync($"{settings.File}: {refused}; nothing applied");
                return ExitCodes.InvalidInput;
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{result.Decisions.Count} decisions applied, {result.Decisions.Sum(d => d.Readings)} readings revised (earlier values kept as revisions)"));
            return ExitCodes.Ok;
        }
    }
}
