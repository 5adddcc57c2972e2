using System.CommandLine;
using System.Globalization;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Import;
using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;
using Qingshui.Reporting;
using Qingshui.Server.Compensation;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Cli.Commands;

/// <summary>
/// <c>qingshui settle</c>: an agreement's monthly (or yearly) accounts and annual settlement statement, from a readings
/// file or from the store (where the accounts are kept in the ledger), as JSON, Markdown, HTML, CSV or Excel. With the
/// store, <c>confirm</c>, <c>decide</c> and <c>close</c> carry the sign-off.
/// </summary>
internal static class SettleCommand
{
    internal sealed record Settings(string Agreement, int Year, FileInfo? Readings, string? Database, string Format, FileInfo? Out, string Language);

    private static Option<string> AgreementOption() => new("--agreement") { Description = $"Preset id ({string.Join(", ", AgreementPresets.Ids)}) or agreement file.", Required = true };

    private static Option<string?> DatabaseOption() => new("--db") { Description = "The store: readings come from it and the ledger is kept in it." };

    public static Command Create()
    {
        Option<string> agreement = AgreementOption();
        Option<int> year = new("--year") { Description = "The year to settle.", Required = true };
        Option<FileInfo?> readings = new("--readings") { Description = "Readings from a file in a layout 'qingshui assess' reads (instead of the store)." };
        Option<string?> database = DatabaseOption();
        Option<string> format = new("--format") { Description = "json, md, html, csv or xlsx.", DefaultValueFactory = _ => "json" };
        Option<FileInfo?> output = new("--out") { Description = "Write to this file (required for xlsx)." };
        Option<string> language = new("--lang") { Description = "zh (default) or en.", DefaultValueFactory = _ => "zh" };
        var command = new Command("settle", "Compute an agreement's accounts and annual settlement statement.")
        {
            agreement, year, readings, database, format, output, language, ConfirmCommand(), DecideCommand(), CloseCommand(),
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(
            new Settings(parse.GetValue(agreement)!, parse.GetValue(year), parse.GetValue(readings), parse.GetValue(database), parse.GetValue(format)!,
                parse.GetValue(output), parse.GetValue(language)!),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    internal static async Task<int> ExecuteAsync(Settings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var usage = new List<string>();
        if (settings.Format is not ("json" or "md" or "html" or "csv" or "xlsx"))
        {
            usage.Add($"--format: '{settings.Format}' is not json, md, html, csv or xlsx");
        }

        if (settings.Format == "xlsx" && settings.Out is null)
        {
            usage.Add("--format xlsx needs --out FILE");
        }

        if ((settings.Readings is null) == (settings.Database is null))
        {
            usage.Add("give either --readings FILE or --db PATH");
        }

        if (settings.Readings is { Exists: false })
        {
            usage.Add($"{settings.Readings.FullName}: no such file");
        }

        if (settings.Language is not ("zh" or "en"))
        {
            usage.Add("--lang: zh or en");
        }

        Agreement? agreement = usage.Count == 0 ? await LoadAgreementAsync(settings.Agreement, error, cancellationToken) : null;
        if (usage.Count > 0)
        {
            await WriteAllAsync(error, usage);
            return ExitCodes.Usage;
        }

        if (agreement is null)
        {
            return ExitCodes.InvalidInput;
        }

        Statement statement;
        int exitCode = ExitCodes.Ok;
        if (settings.Readings is FileInfo file)
        {
            (IReadOnlyDictionary<string, IReadOnlyList<Observation>> observations, IReadOnlyList<string> problems) = ReadFile(agreement, settings.Year, file);
            await WriteAllAsync(error, problems);
            exitCode = problems.Count > 0 ? ExitCodes.InvalidInput : ExitCodes.Ok;
            statement = Statement.FromAccounts(agreement, settings.Year, CompensationEngine.Compute(agreement, settings.Year, observations));
        }
        else
        {
            await using SqliteStore store = await SqliteStore.OpenAsync(new SqliteStoreOptions(settings.Database!), TimeProvider.System, cancellationToken);
            statement = await new SettlementService(store, store, TimeProvider.System).RecomputeAsync(agreement, settings.Year, cancellationToken);
        }

        foreach (PeriodAccount account in statement.Accounts.Where(a => a.Status == AccountStatus.Undetermined))
        {
            await error.WriteLineAsync($"{account.Period}: undetermined (not enough valid data): no payment until a decision is recorded");
        }

        await WriteStatementAsync(statement, settings, output);
        return exitCode;
    }

    private static async Task WriteStatementAsync(Statement statement, Settings settings, TextWriter output)
    {
        Language language = settings.Language == "en" ? Language.English : Language.Chinese;
        if (settings.Format == "xlsx")
        {
            await File.WriteAllBytesAsync(settings.Out!.FullName, StatementRenderer.Xlsx(statement, language));
            await output.WriteLineAsync($"{settings.Out.FullName} (content hash {statement.ContentHash})");
            return;
        }

        string text = settings.Format switch
        {
            "md" => StatementRenderer.Markdown(statement, language),
            "html" => StatementRenderer.Html(statement, language),
            "csv" => StatementRenderer.Csv(statement, language),
            _ => statement.Json + "\n",
        };
        if (settings.Out is FileInfo target)
        {
            await File.WriteAllTextAsync(target.FullName, text);
            await output.WriteLineAsync($"{target.FullName} (content hash {statement.ContentHash})");
        }
        else
        {
            await output.WriteAsync(text);
        }
    }

    internal static async Task<Agreement?> LoadAgreementAsync(string idOrFile, TextWriter error, CancellationToken cancellationToken)
    {
        string? text = AgreementPresets.Text(idOrFile);
        string source = $"preset '{idOrFile}'";
        if (text is null)
        {
            if (!File.Exists(idOrFile))
            {
                await error.WriteLineAsync($"'{idOrFile}' is neither an agreement preset ({string.Join(", ", AgreementPresets.Ids)}) nor a file");
                return null;
            }

            text = await File.ReadAllTextAsync(idOrFile, cancellationToken);
            source = idOrFile;
        }

        AgreementFileResult result = AgreementFile.Parse(text);
        foreach (JsonFileError problem in result.Errors)
        {
            await error.WriteLineAsync($"{source}: {problem}");
        }

        return result.Agreement;
    }

    private static (IReadOnlyDictionary<string, IReadOnlyList<Observation>>, IReadOnlyList<string>) ReadFile(Agreement agreement, int year, FileInfo file)
    {
        SampleTable table = SampleTableReader.Read(File.ReadLines(file.FullName), new SampleTableOptions(year, TimeSpan.FromHours(8)));
        var problems = table.Errors.Select(e => e.Describe(file.Name)).ToList();
        var observations = agreement.Sections.ToDictionary(s => s.Id, _ => (IReadOnlyList<Observation>)new List<Observation>(), StringComparer.Ordinal);
        foreach (SampleRow row in table.Rows.Where(r => r.Time is not null))
        {
            AgreementSection? section = agreement.Sections.FirstOrDefault(s => row.Section == s.Id || row.Section == s.Name.Chinese || row.Section == s.Name.English);
            if (section is null)
            {
                continue;
            }

            var list = (List<Observation>)observations[section.Id];
            list.AddRange(row.Values.Select(v => new Observation(StandardItems.Find(v.Key)!, row.Time!.Value, v.Value, true)));
        }

        foreach (AgreementSection section in agreement.Sections.Where(s => observations[s.Id].Count == 0))
        {
            problems.Add($"{file.Name}: no rows for section '{section.Id}' ({section.Name.Chinese})");
        }

        return (observations, problems);
    }

    private static Command ConfirmCommand()
    {
        Option<string> agreement = AgreementOption();
        Option<string?> database = DatabaseOption();
        Option<string> period = new("--period") { Description = "The period confirmed (2020-03, or 2020 for yearly agreements).", Required = true };
        Option<string> party = new("--party") { Description = "The party confirming.", Required = true };
        Option<string> by = new("--by") { Description = "Who confirms for it.", Required = true };
        var command = new Command("confirm", "Record a party's confirmation of a period's account.") { agreement, database, period, party, by };
        command.SetAction((parse, ct) => LedgerCommandAsync(parse.GetValue(agreement)!, parse.GetValue(database), parse.InvocationConfiguration,
            (ledger, at) => ledger.Confirm(LedgerJson.ParsePeriod(parse.GetValue(period)!), parse.GetValue(party)!, parse.GetValue(by)!, at), ct));
        return command;
    }

    private static Command DecideCommand()
    {
        Option<string> agreement = AgreementOption();
        Option<string?> database = DatabaseOption();
        Option<string> period = new("--period") { Description = "The undetermined period.", Required = true };
        Option<string> outcome = new("--outcome") { Description = "met, missed or none (no payment).", Required = true };
        Option<string> by = new("--by") { Description = "Who records the decision.", Required = true };
        Option<string> reason = new("--reason") { Description = "Why (for example the joint meeting's minutes).", Required = true };
        var command = new Command("decide", "Record the decision for a period the data did not decide.") { agreement, database, period, outcome, by, reason };
        command.SetAction((parse, ct) => LedgerCommandAsync(parse.GetValue(agreement)!, parse.GetValue(database), parse.InvocationConfiguration,
            (ledger, at) => parse.GetValue(outcome) switch
            {
                "met" or "missed" or "none" => ledger.Decide(new Decision(LedgerJson.ParsePeriod(parse.GetValue(period)!),
                    parse.GetValue(outcome) switch { "met" => DecisionOutcome.TreatAsMet, "missed" => DecisionOutcome.TreatAsMissed, _ => DecisionOutcome.NoPayment },
                    parse.GetValue(by)!, at, parse.GetValue(reason)!)),
                var other => LedgerResult.Refused($"--outcome: '{other}' is not met, missed or none"),
            }, ct));
        return command;
    }

    private static Command CloseCommand()
    {
        Option<string> agreement = AgreementOption();
        Option<string?> database = DatabaseOption();
        Option<int> year = new("--year") { Description = "The year to settle.", Required = true };
        Option<string> by = new("--by") { Description = "Who settles.", Required = true };
        var command = new Command("close", "Settle a year once every period is confirmed by every party.") { agreement, database, year, by };
        command.SetAction(async (parse, ct) =>
        {
            InvocationConfiguration io = parse.InvocationConfiguration;
            (Agreement? loaded, SqliteStore? store) = await OpenAsync(parse.GetValue(agreement)!, parse.GetValue(database), io.Error, ct);
            if (loaded is null || store is null)
            {
                return store is null ? ExitCodes.Usage : ExitCodes.InvalidInput;
            }

            await using (store)
            {
                (Statement? statement, LedgerError? refused) = await new SettlementService(store, store, TimeProvider.System).CloseAsync(loaded, parse.GetValue(year), parse.GetValue(by)!, ct);
                if (refused is not null)
                {
                    await io.Error.WriteLineAsync(refused.Message);
                    return ExitCodes.InvalidInput;
                }

                await io.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{parse.GetValue(year)} settled; statement content hash {statement!.ContentHash}"));
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static async Task<int> LedgerCommandAsync(
        string agreementText, string? database, InvocationConfiguration io, Func<Ledger, DateTimeOffset, LedgerResult> command, CancellationToken ct)
    {
        (Agreement? agreement, SqliteStore? store) = await OpenAsync(agreementText, database, io.Error, ct);
        if (agreement is null || store is null)
        {
            return store is null ? ExitCodes.Usage : ExitCodes.InvalidInput;
        }

        await using (store)
        {
            LedgerError? refused = await new SettlementService(store, store, TimeProvider.System)
                .ApplyAsync(agreement, ledger => command(ledger, DateTimeOffset.UtcNow), ct);
            if (refused is not null)
            {
                await io.Error.WriteLineAsync(refused.Message);
                return ExitCodes.InvalidInput;
            }

            await io.Output.WriteLineAsync("recorded");
            return ExitCodes.Ok;
        }
    }

    private static async Task<(Agreement?, SqliteStore?)> OpenAsync(string agreementText, string? database, TextWriter error, CancellationToken ct)
    {
        if (database is null || !File.Exists(database))
        {
            await error.WriteLineAsync(database is null ? "--db PATH is required" : $"{database}: no such database");
            return (null, null);
        }

        Agreement? agreement = await LoadAgreementAsync(agreementText, error, ct);
        return (agreement, await SqliteStore.OpenAsync(new SqliteStoreOptions(database), TimeProvider.System, ct));
    }

    private static async Task WriteAllAsync(TextWriter writer, IEnumerable<string> lines)
    {
        foreach (string line in lines)
        {
            await writer.WriteLineAsync(line);
        }
    }
}
