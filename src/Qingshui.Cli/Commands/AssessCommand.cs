using System.CommandLine;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Import;
using Qingshui.Domain.Network;

namespace Qingshui.Cli.Commands;

/// <summary>
/// <c>qingshui assess</c>: GB 3838-2002 classes, grades, deciding items and main pollutants for every row or every
/// section-period of a sample file; with <c>--compare</c>, agreement with the classes the source published.
/// </summary>
internal static class AssessCommand
{
    // Times without a year are read in --year: a monitoring year, not any number DateTimeOffset happens to accept.
    private const int MinYear = 1900;
    private const int MaxYear = 2100;

    internal sealed record Settings(
        string File, FileInfo? Sections, string Period, bool Compare, string Format, string Rule, int? Year, string Encoding, string? Require);

    public static Command Create()
    {
        Argument<string> file = new("FILE") { Description = "Sample file: the national release's export, or section,time,<parameter columns>." };
        Option<FileInfo?> sections = new("--sections")
        {
            Description = "CSV with section,waterbody (river, lake, reservoir) and optionally province; default: the shipped register of national sections.",
        };
        Option<string> period = new("--period") { Description = "none (each row), day, month, quarter or year.", DefaultValueFactory = _ => "none" };
        Option<bool> compare = new("--compare") { Description = "Compare with the published class: confusion matrix and a last line 'agreement: N/M'." };
        Option<string> format = new("--format") { Description = "table, json or csv.", DefaultValueFactory = _ => "table" };
        Option<string> rule = new("--rule") { Description = "Items that decide the class: 5+X (pH, DO, CODMn, NH3-N, TP), 5+X:COD,…, 21, custom:….", DefaultValueFactory = _ => "5+X" };
        Option<int?> year = new("--year") { Description = "Year of times written without one (the national release writes MM-DD HH:MM); default: this year." };
        Option<string> encoding = new("--encoding")
        {
            Description = "The file's encoding: auto (UTF-8 with or without BOM, else GB18030/GBK), utf-8, gb18030, gbk or gb2312.", DefaultValueFactory = _ => "auto",
        };
        Option<string?> require = new("--require")
        {
            Description = "Items that must have a value for a class (ITEM,… or none); the others count when present. "
                + "Default: the rule's own (pH, DO, CODMn, NH3-N: the 2020–2021 national release). none: a class from the items present (the 2026 release).",
        };
        var command = new Command("assess", "Judge water quality by GB 3838-2002 and the national evaluation method.")
        {
            file, sections, period, compare, format, rule, year, encoding, require,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(
            new Settings(parse.GetValue(file)!, parse.GetValue(sections), parse.GetValue(period)!, parse.GetValue(compare), parse.GetValue(format)!,
                parse.GetValue(rule)!, parse.GetValue(year), parse.GetValue(encoding)!, parse.GetValue(require)),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, TimeProvider.System, cancellationToken));
        return command;
    }

    internal static async Task<int> ExecuteAsync(Settings settings, TextWriter output, TextWriter error, TimeProvider clock, CancellationToken cancellationToken)
    {
        var usage = new List<string>();
        PeriodKind? periodKind = settings.Period switch
        {
            "none" => null,
            "day" => PeriodKind.Day,
            "month" => PeriodKind.Month,
            "quarter" => PeriodKind.Quarter,
            "year" => PeriodKind.Year,
            _ => Fail(usage, $"--period: '{settings.Period}' is not none, day, month, quarter or year"),
        };
        if (settings.Format is not ("table" or "json" or "csv"))
        {
            usage.Add($"--format: '{settings.Format}' is not table, json or csv");
        }

        EvaluationRule? rule = EvaluationRule.Parse(settings.Rule, out string? ruleError);
        if (rule is null)
        {
            usage.Add($"--rule: {ruleError}");
        }
        else if (settings.Require is string required)
        {
            rule = rule.Requiring(required, out string? requireError);
            if (requireError is not null)
            {
                usage.Add($"--require: {requireError}");
            }
        }

        if (!TextFileDecoder.Names.Contains(settings.Encoding.ToLowerInvariant()))
        {
            usage.Add($"--encoding: '{settings.Encoding}' is not {string.Join(", ", TextFileDecoder.Names)}");
        }

        if (settings.Year is < MinYear or > MaxYear)
        {
            usage.Add($"--year: {settings.Year} is not a year between {MinYear} and {MaxYear}");
        }

        if (settings.Compare && periodKind is not null)
        {
            usage.Add("--compare compares rows with their published class; use it with --period none");
        }

        foreach (string path in new[] { settings.File, settings.Sections?.FullName }.OfType<string>().Where(p => !File.Exists(p)))
        {
            usage.Add($"{path}: no such file");
        }

        if (usage.Count > 0)
        {
            foreach (string problem in usage)
            {
                await error.WriteLineAsync(problem);
            }

            return ExitCodes.Usage;
        }

        var problems = new List<string>();
        SectionTypes types = SectionTypes.Shipped;
        if (settings.Sections is FileInfo sectionsFile)
        {
            var sectionErrors = new List<InputError>();
            if (await TextFiles.ReadAsync(sectionsFile.FullName, error, cancellationToken) is not string sectionsText)
            {
                return ExitCodes.InvalidInput;
            }

            types = SectionTypes.Read(TextFiles.Lines(sectionsText), sectionErrors);
            problems.AddRange(sectionErrors.Select(e => e.Describe(sectionsFile.Name)));
        }

        int year = settings.Year ?? clock.GetLocalNow().Year;
        if (await TextFiles.ReadAsync(settings.File, settings.Encoding, error, cancellationToken) is not string text)
        {
            return ExitCodes.InvalidInput;
        }

        SampleTable table = SampleTableReader.Read(TextFiles.Lines(text), new SampleTableOptions(year, TimeSpan.FromHours(8)));
        string name = Path.GetFileName(settings.File);
        problems.AddRange(table.Errors.Select(e => e.Describe(name)));
        foreach (InputError warning in table.Warnings)
        {
            await error.WriteLineAsync("warning: " + (warning.Line > 0 ? warning.Describe(name) : $"{name}: {warning.Message}"));
        }

        if (table.TimesWithoutYear > 0)
        {
            await error.WriteLineAsync(settings.Year is null
                ? $"note: {table.TimesWithoutYear} times without a year are read as {year}, this year (set --year)"
                : $"note: {table.TimesWithoutYear} times without a year are read as {year} (--year)");
        }

        IReadOnlyList<AssessmentRow> rows = periodKind is PeriodKind kind
            ? ByPeriod(table, kind, rule!, types)
            : table.Rows.Select(r => new AssessmentRow(r.Key, r.TimeText, SectionEvaluator.Evaluate(rule!, r.Values, types.Of(r)), r.PublishedClass) { Status = r.Status }).ToList();
        await AssessmentOutput.WriteAsync(output, settings.Format, rows, withPublished: periodKind is null && table.Rows.Any(r => r.PublishedClass is not null),
            withStatus: periodKind is null && table.Rows.Any(r => r.Status is not null));
        if (settings.Compare)
        {
            await AssessmentOutput.WriteComparisonAsync(output, rows);
        }

        foreach (string problem in problems)
        {
            await error.WriteLineAsync(problem);
        }

        return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }

    private static List<AssessmentRow> ByPeriod(SampleTable table, PeriodKind kind, EvaluationRule rule, SectionTypes types)
    {
        var results = new List<AssessmentRow>();
        foreach (IGrouping<string, SampleRow> section in table.Rows.Where(r => r.Time is not null).GroupBy(r => r.Key))
        {
            IReadOnlyList<PeriodMean> means = PeriodAggregator.Aggregate(SampleObservations.Of(section), kind);
            WaterbodyKind waterbody = types.Of(section.First());
            foreach (IGrouping<Period, PeriodMean> period in means.GroupBy(m => m.Period).OrderBy(g => g.Key.Start))
            {
                Dictionary<string, decimal> values = period.Where(m => m.Mean is not null).ToDictionary(m => m.Item.Id, m => m.Mean!.Value, StringComparer.Ordinal);
                results.Add(new AssessmentRow(section.Key, period.Key.ToString(), SectionEvaluator.Evaluate(rule, values, waterbody), null));
            }
        }

        return results;
    }

    private static PeriodKind? Fail(List<string> usage, string message)
    {
        usage.Add(message);
        return null;
    }
}
