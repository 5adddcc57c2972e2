using System.Globalization;
using System.Text.Json;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Compensation;

/// <summary>
/// Reads an agreement file (format <c>qingshui-agreement/1</c>, JSON; documented in docs/compensation.md). Every
/// problem is reported with its JSON path; a file with any error yields no agreement.
/// </summary>
public static partial class AgreementFile
{
    /// <summary>The format tag this reader understands.</summary>
    public const string Format = "qingshui-agreement/1";

    private static readonly Dictionary<string, WaterbodyKind> Waterbodies = new(StringComparer.Ordinal)
    {
        ["river"] = WaterbodyKind.River, ["lake"] = WaterbodyKind.Lake, ["reservoir"] = WaterbodyKind.Reservoir,
    };

    private static readonly Dictionary<string, WaterClass> Classes = new(StringComparer.Ordinal)
    {
        ["I"] = WaterClass.I, ["II"] = WaterClass.II, ["III"] = WaterClass.III, ["IV"] = WaterClass.IV, ["V"] = WaterClass.V,
    };

    private static readonly Dictionary<string, PeriodKind> Periods = new(StringComparer.Ordinal)
    {
        ["month"] = PeriodKind.Month, ["quarter"] = PeriodKind.Quarter, ["year"] = PeriodKind.Year,
    };

    /// <summary>Reads an agreement file's text.</summary>
    public static AgreementFileResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return new AgreementFileResult(null, [new JsonFileError(
                string.Create(CultureInfo.InvariantCulture, $"line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}"), "not valid JSON")]);
        }

        using (document)
        {
            var reader = new JsonReader();
            Agreement? agreement = Read(document.RootElement, reader);
            return reader.Errors.Count == 0 ? new AgreementFileResult(agreement, []) : new AgreementFileResult(null, reader.Errors);
        }
    }

    private static Agreement? Read(JsonElement root, JsonReader reader)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            reader.Error("$", "must be an object");
            return null;
        }

        string? format = reader.RequiredString(root, "$", "format");
        if (format is not null && format != Format)
        {
            reader.Error("$.format", $"'{format}' is not supported; expected '{Format}'");
        }

        string? id = reader.RequiredString(root, "$", "id");
        LocalizedText? name = reader.Name(root, "$");
        var parties = new List<Party>();
        foreach ((JsonElement item, string path) in reader.Array(root, "$", "parties"))
        {
            if (reader.RequiredString(item, path, "id") is string partyId && reader.Name(item, path) is LocalizedText partyName)
            {
                parties.Add(new Party(partyId, partyName));
            }
        }

        List<AgreementSection> sections = ReadSections(root, reader);
        EvaluationRule? rule = ReadRule(root, reader);
        PeriodKind? period = reader.Enum(root, "$", "period", Periods, (PeriodKind?)null);
        string dataSource = reader.RequiredString(root, "$", "dataSource") ?? "";
        (CompletenessRules completeness, Dictionary<string, CompletenessRules> itemCompleteness) = ReadCompleteness(root, reader);
        (DateOnly start, DateOnly end) = ReadTerm(root, reader);
        (int Month, int Day) due = ReadDue(root, reader);
        AmountRule? amount = AmountRuleReader.Read(root, reader, parties, sections);
        var notes = reader.Array(root, "$", "notes", required: false).Select(n => n.Item.ToString()).ToArray();
        var chineseNotes = reader.Array(root, "$", "notesZh", required: false).Select(n => n.Item.ToString()).ToArray();
        Func<Agreement, Agreement> terms = ReadTerms(root, reader);
        IncidentTerm? incidents = ReadIncidentTerm(root, reader, parties);
        EcologicalFlowTerm? flow = ReadFlowTerm(root, reader, parties, sections);
        CheckComplianceRate(amount, period, start, end, reader);
        if (id is null || name is null || rule is null || period is null || amount is null)
        {
            return null;
        }

        return terms(new Agreement(id, name, parties, sections, rule, period.Value, dataSource, completeness, amount, due, start, end, notes)
        {
            ItemCompleteness = itemCompleteness, Incidents = incidents, EcologicalFlow = flow, ChineseNotes = chineseNotes,
        });
    }

    // A compliance rate counts months within a longer period, and every year of the term needs its target.
    private static void CheckComplianceRate(AmountRule? amount, PeriodKind? period, DateOnly start, DateOnly end, JsonReader reader)
    {
        if (amount is not ComplianceRateRule rule)
        {
            return;
        }

        if (period is not (PeriodKind.Year or PeriodKind.Quarter))
        {
            reader.Error("$.period", "a compliance rate counts the months of a longer period: \"year\" or \"quarter\"");
        }

        for (int year = start.Year; start != DateOnly.MinValue && year <= end.Year; year++)
        {
            if (!rule.Targets.ContainsKey(year))
            {
                reader.Error(string.Create(CultureInfo.InvariantCulture, $"$.amount.targets.{year}"), "required: every year of the term has its target");
            }
        }
    }

    private static List<AgreementSection> ReadSections(JsonElement root, JsonReader reader)
    {
        var sections = new List<AgreementSection>();
        foreach ((JsonElement item, string path) in reader.Array(root, "$", "sections"))
        {
            string? id = reader.RequiredString(item, path, "id");
            LocalizedText? name = reader.Name(item, path);
            WaterbodyKind waterbody = reader.Enum(item, path, "waterbody", Waterbodies, (WaterbodyKind?)WaterbodyKind.River) ?? WaterbodyKind.River;
            WaterClass? target = reader.Enum(item, path, "targetClass", Classes, (WaterClass?)null);
            string[] stations = reader.Array(item, path, "stations", required: false)
                .Select(s => s.Item.ValueKind == JsonValueKind.String ? s.Item.GetString()! : "").Where(s => s.Length > 0).ToArray();
            SectionDataSource? source = ReadSectionSource(item, path, stations, reader);
            if (id is not null && name is not null && target is not null)
            {
                sections.Add(new AgreementSection(id, name, waterbody, target.Value, stations) { Source = source });
            }
        }

        return sections;
    }

    private static EvaluationRule? ReadRule(JsonElement root, JsonReader reader)
    {
        string? text = reader.RequiredString(root, "$", "rule");
        if (text is null)
        {
            return null;
        }

        EvaluationRule? rule = EvaluationRule.Parse(text, out string? error);
        if (rule is null)
        {
            reader.Error("$.rule", error!);
        }

        return rule;
    }

    // Completeness is a term of every money agreement: no default stands in for it.
    private static (CompletenessRules, Dictionary<string, CompletenessRules>) ReadCompleteness(JsonElement root, JsonReader reader)
    {
        if (!root.TryGetProperty("completeness", out JsonElement element) || element.ValueKind != JsonValueKind.Object)
        {
            reader.Error("$.completeness", "required: {\"minValuesPerDay\": n, \"minDaysPerMonth\": n} (valid values a day needs, valid days a month needs)");
            return (CompletenessRules.Default, []);
        }

        CompletenessRules d = CompletenessRules.Default;
        var common = new CompletenessRules(
            Count(element, "$.completeness", "minValuesPerDay", null, MaxValuesPerDay, reader), Count(element, "$.completeness", "minDaysPerMonth", null, 31, reader),
            Count(element, "$.completeness", "minMonthsPerQuarter", d.MinMonthsPerQuarter, 3, reader), Count(element, "$.completeness", "minMonthsPerYear", d.MinMonthsPerYear, 12, reader));
        return (common, ReadItemCompleteness(element, reader, common));
    }

    private static (DateOnly, DateOnly) ReadTerm(JsonElement root, JsonReader reader)
    {
        if (!root.TryGetProperty("term", out JsonElement term))
        {
            reader.Error("$.term", "required: {\"from\": \"YYYY-MM\", \"to\": \"YYYY-MM\"}");
            return (DateOnly.MinValue, DateOnly.MaxValue);
        }

        DateOnly? from = Month(term, "from", reader), to = Month(term, "to", reader);
        if (from is null || to is null)
        {
            return (DateOnly.MinValue, DateOnly.MaxValue);
        }

        if (to < from)
        {
            reader.Error("$.term", "'to' is before 'from'");
        }

        return (from.Value, to.Value.AddMonths(1).AddDays(-1));
    }

    private static DateOnly? Month(JsonElement term, string name, JsonReader reader)
    {
        string? text = reader.RequiredString(term, "$.term", name);
        if (text is not null && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly month))
        {
            return month;
        }

        if (text is not null)
        {
            reader.Error($"$.term.{name}", $"'{text}' is not a month like 2019-07");
        }

        return null;
    }

    private static (int, int) ReadDue(JsonElement root, JsonReader reader)
    {
        if (root.TryGetProperty("paymentDue", out JsonElement due)
            && due.TryGetProperty("month", out JsonElement m) && m.TryGetInt32(out int month) && month is >= 1 and <= 12
            && due.TryGetProperty("day", out JsonElement d) && d.TryGetInt32(out int day) && day >= 1 && day <= DateTime.DaysInMonth(2001, month))
        {
            return (month, day);
        }

        reader.Error("$.paymentDue", "required: {\"month\": 1–12, \"day\": 1–31} of the year after the one settled");
        return (12, 31);
    }
}

/// <summary>An agreement, or every error that prevented reading one.</summary>
/// <param name="Agreement">The agreement, when the file had no errors.</param>
/// <param name="Errors">Every problem found, with its JSON path.</param>
public sealed record AgreementFileResult(Agreement? Agreement, IReadOnlyList<JsonFileError> Errors);
