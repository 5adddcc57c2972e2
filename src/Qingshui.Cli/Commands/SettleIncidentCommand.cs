using System.CommandLine;
using System.Globalization;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Compensation;
using Qingshui.Storage;
using Qingshui.Storage.Compensation;

namespace Qingshui.Cli.Commands;

/// <summary>
/// <c>qingshui settle incident</c>: registers a pollution incident in an agreement's books (section, level, time, who
/// confirmed it), audited, then recomputes its year so the agreement's incident term reaches the account. Bad options
/// exit 2 before the store is opened; the ledger's refusals exit 1.
/// </summary>
internal static class SettleIncidentCommand
{
    internal sealed record Settings(string Agreement, string? Database, string Section, string Level, string At, string ConfirmedBy, string Description, string By, string? Basin);

    public static Command Create()
    {
        Option<string> agreement = SettleCommand.AgreementOption();
        Option<string?> database = SettleCommand.DatabaseOption();
        Option<string> section = new("--section") { Description = "The agreement section it concerns.", Required = true };
        Option<string> level = new("--level") { Description = "I (特别重大), II (重大), III (较大) or IV (一般).", Required = true };
        Option<string> at = new("--at") { Description = "When it occurred (2020-05-03T14:00+08:00; without an offset, the agreement's time zone).", Required = true };
        Option<string> confirmedBy = new("--confirmed-by") { Description = "The authority that confirmed it.", Required = true };
        Option<string> description = new("--description") { Description = "What happened, briefly.", DefaultValueFactory = _ => "" };
        Option<string> by = new("--by") { Description = "Who records it.", Required = true };
        Option<string?> basin = SettleCommand.BasinOption();
        var command = new Command("incident", "Register a pollution incident in the agreement's books.") { agreement, database, section, level, at, confirmedBy, description, by, basin };
        command.SetAction((parse, ct) => ExecuteAsync(
            new Settings(parse.GetValue(agreement)!, parse.GetValue(database), parse.GetValue(section)!, parse.GetValue(level)!, parse.GetValue(at)!,
                parse.GetValue(confirmedBy)!, parse.GetValue(description)!, parse.GetValue(by)!, parse.GetValue(basin)),
            parse.InvocationConfiguration, ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(Settings settings, InvocationConfiguration io, CancellationToken ct)
    {
        var problems = new List<string>();
        if (!IncidentLevels.ByText.TryGetValue(settings.Level, out IncidentLevel level))
        {
            problems.Add($"--level: '{Cut(settings.Level)}' is not I, II, III or IV");
        }

        (DateTimeOffset? occurred, bool local) = IncidentTime(settings.At);
        if (occurred is null)
        {
            problems.Add($"--at: '{Cut(settings.At)}' is not a time like 2020-05-03T14:00+08:00");
        }

        if (settings.ConfirmedBy.Length > PollutionIncidentRecord.MaxConfirmedByLength || settings.Description.Length > PollutionIncidentRecord.MaxDescriptionLength)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"--confirmed-by: at most {PollutionIncidentRecord.MaxConfirmedByLength} characters; --description: at most {PollutionIncidentRecord.MaxDescriptionLength}"));
        }

        if (problems.Count > 0)
        {
            foreach (string problem in problems)
            {
                await io.Error.WriteLineAsync(problem);
            }

            return ExitCodes.Usage;
        }

        (Agreement? agreement, IPlatformStore? store, int failure) = await SettleCommand.OpenAsync(settings.Agreement, settings.Database, io.Error, TimeProvider.System, ct, settings.Basin);
        if (agreement is null || store is null)
        {
            return failure;
        }

        await using (store)
        {
            // A time without an offset is read in the agreement's own time zone.
            DateTimeOffset when = local ? new DateTimeOffset(occurred!.Value.DateTime, agreement.UtcOffset) : occurred!.Value;
            var incident = new PollutionIncidentRecord(settings.Section, level, when, settings.ConfirmedBy, settings.Description);
            if (await new SettlementService(store, store, store, TimeProvider.System).RecordIncidentAsync(agreement, incident, AuditActor.CommandLine(settings.By), ct) is LedgerError refused)
            {
                await io.Error.WriteLineAsync(refused.Message);
                return ExitCodes.InvalidInput;
            }

            await io.Output.WriteLineAsync($"recorded: {incident.Summary(agreement)}");
            return ExitCodes.Ok;
        }
    }

    // 2020-05-03T14:00+08:00, or 2020-05-03T14:00 (offset added later from the agreement).
    private static (DateTimeOffset? Time, bool Local) IncidentTime(string text) =>
        DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz"], CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset withOffset)
            ? (withOffset, false)
            : DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local)
                ? (new DateTimeOffset(local, TimeSpan.Zero), true)
                : (null, false);

    private static string Cut(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
