using System.CommandLine;
using System.Globalization;
using Qingshui.Domain.Audit;
using Qingshui.Storage;
using Qingshui.Storage.Audit;

namespace Qingshui.Cli.Commands;

/// <summary>
/// <c>qingshui audit list</c>: audit entries newest first, one tab-separated line each. Entries hold no secrets: they are
/// masked before an entry is written.
/// </summary>
internal static class AuditListCommand
{
    internal sealed record Settings(string Database, int Limit, long? Before, string? Actor, string? Action);

    public static Command Create()
    {
        Option<string> database = AuditCommand.DatabaseOption();
        Option<int> limit = new("--limit") { Description = "At most this many entries (1–1000).", DefaultValueFactory = _ => 50 };
        Option<long?> before = new("--before") { Description = "Only entries numbered below this (the next page)." };
        Option<string?> actor = new("--actor") { Description = "Only this actor's entries." };
        Option<string?> action = new("--action") { Description = "Only this action (ledger.confirm, ledger.decide, ledger.close, ledger.recompute)." };
        var command = new Command("list", "Print audit entries, newest first.") { database, limit, before, actor, action };
        command.SetAction((parse, ct) => ExecuteAsync(
            new Settings(parse.GetValue(database)!, parse.GetValue(limit), parse.GetValue(before), parse.GetValue(actor), parse.GetValue(action)),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    internal static IReadOnlyList<string> Validate(Settings settings)
    {
        var usage = new List<string>();
        if (settings.Limit is < 1 or > AuditQuery.MaxLimit)
        {
            usage.Add(string.Create(CultureInfo.InvariantCulture, $"--limit: {settings.Limit} is not 1–{AuditQuery.MaxLimit}"));
        }

        if (settings.Before is < 1)
        {
            usage.Add("--before: an entry number, 1 or more");
        }

        return usage;
    }

    internal static async Task<int> ExecuteAsync(Settings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> usage = Validate(settings);
        if (usage.Count > 0)
        {
            foreach (string problem in usage)
            {
                await error.WriteLineAsync(problem);
            }

            return ExitCodes.Usage;
        }

        (IPlatformStore? store, int exitCode) = await AuditCommand.OpenAsync(settings.Database, error, cancellationToken);
        if (store is null)
        {
            return exitCode;
        }

        await using (store)
        {
            var query = new AuditQuery(settings.Limit, settings.Before, Actor: settings.Actor, Action: settings.Action);
            await output.WriteLineAsync("sequence\ttime\tactor\torganisation\taction\ttarget\toutcome\treason\tremote\tbefore\tafter");
            foreach (AuditEntry entry in await store.ListAsync(query, cancellationToken))
            {
                await output.WriteLineAsync(Line(entry));
            }

            return ExitCodes.Ok;
        }
    }

    private static string Line(AuditEntry entry)
    {
        AuditRecord r = entry.Record;
        string[] fields =
        [
            entry.Sequence.ToString(CultureInfo.InvariantCulture), AuditChain.TimeText(r.At), r.Actor, r.Organisation, r.Action, r.Target,
            r.Outcome == AuditOutcome.Done ? "done" : "refused", r.Reason ?? "", r.RemoteAddress ?? "", r.Before ?? "", r.After ?? "",
        ];

        // Tabs and line breaks inside a field would shift the columns: show them escaped.
        return string.Join('\t', fields.Select(f => f
            .Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal)));
    }
}
