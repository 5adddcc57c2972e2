using System.CommandLine;
using System.Globalization;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Import;
using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;
using Qingshui.Reporting;
using Qingshui.Storage;
using Qingshui.Storage.Compensation;
using Qingshui.Server.Cluster;

namespace Qingshui.Cli.Commands;

/// <summary>
/// <c>qingshui settle</c>: an agreement's monthly (or yearly) accounts and annual settlement statement, from a readings
/// file or from the store (where the accounts are kept in the ledger), as JSON, Markdown, HTML, CSV or Excel. With the
/// store, <c>confirm</c>, <c>decide</c> and <c>close</c> carry the sign-off and <c>pay</c> records payments. A statement that is not final exits with
/// <see cref="ExitCodes.Provisional"/> after writing it, so scripts cannot take a draft for a settled account.
/// </summary>
internal static class SettleCommand
{
    internal sealed record Settings(string Agreement, int Year, FileInfo? Readings, string? Database, string Format, FileInfo? Out, string Language)
    {
        /// <summary>Basin file or preset id whose <c>monitoredItems</c> say what each section monitors; <c>null</c>: not known.</summary>
        public string? Basin { get; init; }
        /// <summary>The CSV's encoding: utf-8 (with a byte order mark) or gbk.</summary>
        public string Encoding { get; init; } = "utf-8";
    }

    // Years a statement can be asked for: wide enough for any agreement, narrow enough that dates around it exist.
    internal const int FirstYear = 1900, LastYear = 2999;

    internal static Option<string> AgreementOption() => new("--agreement")
    {
        Description = $"Preset id ({string.Join(", ", AgreementPresets.Ids)}), agreement file, or the id of an agreement whose books are in --db (as the demo's).",
        Required = true,
    };

    internal static Option<string?> DatabaseOption() => new("--db") { Description = "The store: readings come from it and the ledger is kept in it. " + PlatformStores.DatabaseHelp };

    internal static Option<string?> BasinOption() => new("--basin")
    {
        Description = $"Basin file or preset id ({string.Join(", ", BasinPresets.Ids)}) whose monitoredItems say what each section monitors: "
            + "an item a section does not monitor is left out of the rule. Without it every item of the rule is required.",
    };

    public static Command Create()
    {
        Option<string> agreement = AgreementOption();
        Option<int> year = new("--year") { Description = "The year to settle.", Required = true };
        Option<FileInfo?> readings = new("--readings") { Description = "Readings from a file in a layout 'qingshui assess' reads (instead of the store)." };
        Option<string?> database = DatabaseOption();
        Option<string> format = new("--format") { Description = "json, md, html, csv or xlsx.", DefaultValueFactory = _ => "json" };
        Option<FileInfo?> output = new("--out") { Description = "Write to this file (required for xlsx)." };
        Option<string> language = new("--lang") { Description = "zh (default) or en.", DefaultValueFactory = _ => "zh" };
        Option<string?> basin = BasinOption();
        Option<string> encoding = new("--encoding")
        {
            Description = "CSV encoding: utf-8 (default, with a byte order mark so Excel reads it) or gbk (Excel on Chinese Windows; needs --out).",
            DefaultValueFactory = _ => "utf-8",
        };
        var command = new Command("settle", "Compute an agreement's accounts and annual settlement statement.")
        {
            agreement, year, readings, database, format, output, language, basin, encoding, ConfirmCommand(), DecideCommand(), CloseCommand(), SettlePayCommand.Create(), SettleIncidentCommand.Create(),
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(
            new Settings(parse.GetValue(agreement)!, parse.GetValue(year), parse.GetValue(readings), parse.GetValue(database), parse.GetValue(format)!,
                parse.GetValue(output), parse.GetValue(language)!) { Basin = parse.GetValue(basin), Encoding = parse.GetValue(encoding)! },
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    internal static async Task<int> ExecuteAsync(Settings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        await ExecuteAsync(settings, output, error, TimeProvider.System, cancellationToken);

    internal static async Task<int> ExecuteAsync(Settings settings, TextWriter output, TextWriter error, TimeProvider clock, CancellationToken cancellationToken)
    {
        List<string> usage = Validate(settings);
        if (usage.Count > 0)
        {
            await WriteAllAsync(error, usage);
            return ExitCodes.Usage;
        }

        Statement statement;
        int exitCode = ExitCodes.Ok;
        if (settings.Readings is FileInfo file)
        {
            if (await LoadAgreementAsync(settings.Agreement, error, cancellationToken) is not Agreement loaded
                || await WithMonitoringAsync(loaded, settings.Basin, error, cancellationToken) is not Agreement agreement)
            {
                return ExitCodes.InvalidInput;
            }

            if (await ReadFileAsync(agreement, settings.Year, file, error, cancellationToken) is not var (observations, problems))
            {
                return ExitCodes.InvalidInput;
            }

            await WriteAllAsync(error, problems);
            exitCode = problems.Count > 0 ? ExitCodes.InvalidInput : ExitCodes.Ok;
            DateTimeOffset now = clock.GetUtcNow();
            statement = Statement.FromAccounts(agreement, settings.Year, CompensationEngine.Compute(agreement, settings.Year, observations, now: now), now);
        }
        else
        {
            (Agreement? agreement, IPlatformStore? store, int failure) = await OpenAsync(settings.Agreement, settings.Database, error, clock, cancellationToken, settings.Basin);
            if (agreement is null || store is null)
            {
                return failure;
            }

            await using (store)
            {
                statement = await new SettlementService(store, store, store, clock).RecomputeAsync(agreement, settings.Year, cancellationToken);
            }
        }

        await WriteStandingAsync(statement, error);
        await WriteStatementAsync(statement, settings, output);
        return exitCode != ExitCodes.Ok ? exitCode : statement.Provisional ? ExitCodes.Provisional : ExitCodes.Ok;
    }

    private static List<string> Validate(Settings settings)
    {
        var usage = new List<string>();
        if (settings.Year is < FirstYear or > LastYear)
        {
            usage.Add(string.Create(CultureInfo.InvariantCulture, $"--year: {settings.Year} is not a year to settle ({FirstYear}–{LastYear})"));
        }

        if (settings.Format is not ("json" or "md" or "html" or "csv" or "xlsx"))
        {
            usage.Add($"--format: '{settings.Format}' is not json, md, html, csv or xlsx");
        }

        if (settings.Format == "xlsx" && settings.Out is null)
        {
            usage.Add("--format xlsx needs --out FILE");
        }

        if (settings.Out is { Directory: { Exists: false } folder })
        {
            usage.Add($"--out: the folder {folder.FullName} does not exist");
        }

        if ((settings.Readings is null) == (settings.Database is null))
        {
            usage.Add("give either --readings FILE or --db PATH");
        }

        if (settings.Readings is { Exists: false })
        {
            usage.Add($"{settings.Readings.FullName}: no such file");
        }

        if (settings.Encoding is not ("utf-8" or "gbk"))
        {
            usage.Add($"--encoding: '{settings.Encoding}' is not utf-8 or gbk");
        }
        else if (settings.Encoding == "gbk" && (settings.Format != "csv" || settings.Out is null))
        {
            usage.Add("--encoding gbk is for --format csv with --out FILE (standard output is UTF-8)");
        }

        if (settings.Language is not ("zh" or "en"))
        {
            usage.Add("--lang: zh or en");
        }

        return usage;
    }

    // Whether the statement is final, said on stderr next to the output (the statement itself says it too).
    private static async Task WriteStandingAsync(Statement statement, TextWriter error)
    {
        if (statement.AgreementChanged)
        {
            await error.WriteLineAsync($"warning: agreement '{statement.Agreement.Id}' now reads differently from the one recorded when its books were opened; "
                + "the statement uses the recorded one, and recomputation under the current one only proposes adjustments for confirmed periods");
        }

        foreach (PeriodAccount account in statement.Accounts.Where(a => a.Status is AccountStatus.Undetermined or AccountStatus.NoData))
        {
            string why = account.Status == AccountStatus.NoData ? "no data at all" : "not enough valid data";
            await error.WriteLineAsync($"{account.Period}: undetermined ({why}): no payment until a decision is recorded");
        }

        if (statement.Provisional)
        {
            await error.WriteLineAsync($"provisional (draft, the net may still change): {string.Join(", ", statement.Reasons.Select(r => r.Period is Period p ? $"{p} {r.Code}" : r.Code))}");
        }
    }

    private static async Task WriteStatementAsync(Statement statement, Settings settings, TextWriter output)
    {
        Language language = settings.Language == "en" ? Language.English : Language.Chinese;
        if (settings.Format == "csv")
        {
            byte[] csv = StatementRenderer.CsvBytes(statement, language, settings.Encoding == "gbk" ? CsvEncoding.Gbk : CsvEncoding.Utf8WithBom);
            if (settings.Out is FileInfo file)
            {
                await File.WriteAllBytesAsync(file.FullName, csv);
                await output.WriteLineAsync($"{file.FullName} (content hash {statement.ContentHash})");
            }
            else
            {
                // Redirected to a file, the byte order mark lets Excel read the UTF-8.
                await output.WriteAsync("\uFEFF" + StatementRenderer.Csv(statement, language));
            }

            return;
        }

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

    internal static async Task<Agreement?> LoadAgreementAsync(string idOrFile, TextWriter error, CancellationToken cancellationToken, ILedgerStore? ledgers = null)
    {
        // An agreement kept only in a store (the demo's): the one its books recorded.
        if (AgreementPresets.Text(idOrFile) is null && !File.Exists(idOrFile) && ledgers is not null
            && await ledgers.RecordedAgreementAsync(idOrFile, cancellationToken) is Agreement recorded)
        {
            return recorded;
        }

        return await AgreementSource.LoadAsync(idOrFile, error, cancellationToken);
    }

    /// <summary>Each agreement section's observations from a sample file (UTF-8 or GB18030), and what is wrong with it; <c>null</c> when it cannot be read.</summary>
    private static async Task<(IReadOnlyDictionary<string, IReadOnlyList<Observation>>, IReadOnlyList<string>)?> ReadFileAsync(
        Agreement agreement, int year, FileInfo file, TextWriter error, CancellationToken cancellationToken)
    {
        if (await TextFiles.ReadAsync(file.FullName, error, cancellationToken) is not string text)
        {
            return null;
        }

        SampleTable table = SampleTableReader.Read(TextFiles.Lines(text), new SampleTableOptions(year, TimeSpan.FromHours(8)));
        var problems = table.Errors.Select(e => e.Describe(file.Name)).ToList();
        var observations = agreement.Sections.ToDictionary(
            s => s.Id,
            s => SampleObservations.Of(table.Rows.Where(r => r.Section == s.Id || r.Section == s.Name.Chinese || r.Section == s.Name.English)),
            StringComparer.Ordinal);
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
            new LedgerAct(parse.GetValue(by)!, SettlementService.ConfirmAction, parse.GetValue(period)!),
            (ledger, p, at) => ledger.Confirm(p, parse.GetValue(party)!, parse.GetValue(by)!, at), ct));
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
            new LedgerAct(parse.GetValue(by)!, SettlementService.DecideAction, parse.GetValue(period)!),
            (ledger, p, at) => parse.GetValue(outcome) switch
            {
                "met" or "missed" or "none" => ledger.Decide(new Decision(p,
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
            if (parse.GetValue(year) is < FirstYear or > LastYear)
            {
                await io.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"--year: {parse.GetValue(year)} is not a year to settle ({FirstYear}–{LastYear})"));
                return ExitCodes.Usage;
            }

            (Agreement? loaded, IPlatformStore? store, int failure) = await OpenAsync(parse.GetValue(agreement)!, parse.GetValue(database), io.Error, TimeProvider.System, ct);
            if (loaded is null || store is null)
            {
                return failure;
            }

            await using (store)
            {
                (Statement? statement, LedgerError? refused) = await new SettlementService(store, store, store, TimeProvider.System)
                    .CloseAsync(loaded, parse.GetValue(year), AuditActor.CommandLine(parse.GetValue(by)!), ct);
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

    // Who does what to which period, for the audit log.
    private sealed record LedgerAct(string By, string Action, string Period);

    private static async Task<int> LedgerCommandAsync(
        string agreementText, string? database, InvocationConfiguration io, LedgerAct act, Func<Ledger, Period, DateTimeOffset, LedgerResult> command,
        CancellationToken ct)
    {
        if (PeriodOf(act.Period) is not Period period)
        {
            await io.Error.WriteLineAsync($"--period: '{act.Period}' is not a period (2020-03, 2020-Q1 or 2020)");
            return ExitCodes.Usage;
        }

        (Agreement? agreement, IPlatformStore? store, int failure) = await OpenAsync(agreementText, database, io.Error, TimeProvider.System, ct);
        if (agreement is null || store is null)
        {
            return failure;
        }

        await using (store)
        {
            LedgerError? refused = await new SettlementService(store, store, store, TimeProvider.System)
                .ApplyAsync(agreement, AuditActor.CommandLine(act.By), act.Action, period, ledger => command(ledger, period, TimeProvider.System.GetUtcNow()), ct);
            if (refused is not null)
            {
                await io.Error.WriteLineAsync(refused.Message);
                return ExitCodes.InvalidInput;
            }

            await io.Output.WriteLineAsync("recorded");
            return ExitCodes.Ok;
        }
    }

    // The ledger's own reader throws on text it did not write; here a typo is a usage error, not a stack trace.
    private static Period? PeriodOf(string text)
    {
        try
        {
            return LedgerJson.ParsePeriod(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            return null;
        }
    }

    // The store must exist already: settle never creates a database or a folder. Failures are one line and an exit code.
    internal static async Task<(Agreement?, IPlatformStore?, int)> OpenAsync(
        string agreementText, string? database, TextWriter error, TimeProvider clock, CancellationToken ct, string? basin = null)
    {
        if (database is null || (!PlatformStores.IsPostgres(database) && !File.Exists(database)))
        {
            await error.WriteLineAsync(database is null ? "--db PATH is required" : $"{database}: no such database (settle does not create one)");
            return (null, null, database is null ? ExitCodes.Usage : ExitCodes.InvalidInput);
        }

        IPlatformStore store;
        try
        {
            store = await PlatformStores.OpenAsync(database, clock, fullSync: true, ct);
        }
        catch (StoreException e)
        {
            await error.WriteLineAsync($"{PlatformStores.Describe(database)}: not a Qingshui database ({e.InnerException?.Message ?? e.Message})");
            return (null, null, ExitCodes.InvalidInput);
        }

        Agreement? agreement = await LoadAgreementAsync(agreementText, error, ct, store);
        agreement = agreement is null ? null : await WithMonitoringAsync(agreement, basin, error, ct);
        if (agreement is null)
        {
            await store.DisposeAsync();
            return (null, null, ExitCodes.InvalidInput);
        }

        return (agreement, store, ExitCodes.Ok);
    }

    /// <summary>The agreement with what each section monitors from the basin named (file or preset id); unchanged without one; <c>null</c> when the basin cannot be read.</summary>
    internal static async Task<Agreement?> WithMonitoringAsync(Agreement agreement, string? basin, TextWriter error, CancellationToken ct)
    {
        if (basin is null)
        {
            return agreement;
        }

        Basin? loaded = BasinPresets.Text(basin) is not null
            ? await BasinSource.LoadAsync(null, basin, error, ct)
            : await BasinSource.LoadAsync(new FileInfo(basin), "", error, ct);
        return loaded is null ? null : agreement.WithMonitoring(loaded);
    }

    private static async Task WriteAllAsync(TextWriter writer, IEnumerable<string> lines)
    {
        foreach (string line in lines)
        {
            await writer.WriteLineAsync(line);
        }
    }
}
