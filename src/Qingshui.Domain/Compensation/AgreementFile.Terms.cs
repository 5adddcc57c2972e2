using System.Globalization;
using System.Text.Json;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Compensation;

public static partial class AgreementFile
{
    // Bounds on hostile input: far above what any agreement needs.
    private const int MaxUnconfirmed = 32;
    private const int MaxTermNameLength = 64;
    private const int MaxValuesPerDay = 1440;
    private const int MaxSourceStations = 8;

    // The terms an "unconfirmed" entry may name (a top-level term, optionally one of its fields: "amount.change.cap").
    private static readonly HashSet<string> TermNames = new(StringComparer.Ordinal)
    {
        "rule", "period", "dataSource", "completeness", "timeZone", "belowDetectionLimit", "term", "paymentDue", "amount", "sections", "incidentForfeiture", "ecologicalFlow",
    };

    private static readonly Dictionary<string, BelowLimitRule> BelowLimitRules = new(StringComparer.Ordinal)
    {
        ["half"] = BelowLimitRule.HalfLimit, ["limit"] = BelowLimitRule.Limit, ["zero"] = BelowLimitRule.Zero,
    };

    /// <summary>
    /// Reads the terms added to the format after round 1 (all optional, so recorded files read as before), reporting
    /// their errors even when the rest of the file has some; returns how to apply them.
    /// </summary>
    private static Func<Agreement, Agreement> ReadTerms(JsonElement root, JsonReader reader)
    {
        TimeSpan? offset = ReadTimeZone(root, reader);
        string[] unconfirmed = ReadUnconfirmed(root, reader);
        BelowLimitRule? below = root.TryGetProperty("belowDetectionLimit", out _)
            ? reader.Enum(root, "$", "belowDetectionLimit", BelowLimitRules, (BelowLimitRule?)null)
            : null;
        return agreement => agreement with { StatedUtcOffset = offset, Unconfirmed = unconfirmed, BelowLimit = below };
    }

    // "incidentForfeiture": {"level": "III", "party": "jiangxi"} forfeits the party's receipts of a period with an incident
    // of level Ⅲ or graver; with "deduction": 1000000 it cuts them by that much instead.
    private static IncidentTerm? ReadIncidentTerm(JsonElement root, JsonReader reader, List<Party> parties)
    {
        const string Path = "$.incidentForfeiture";
        if (!root.TryGetProperty("incidentForfeiture", out JsonElement element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            reader.Error(Path, "must be an object: {\"level\": \"I\"…\"IV\", \"party\": …, \"deduction\": yuan (optional: without it, forfeiture)}");
            return null;
        }

        IncidentLevel? level = reader.Enum(element, Path, "level", IncidentLevels.ByText.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal), (IncidentLevel?)null);
        string? party = reader.RequiredString(element, Path, "party");
        if (party is not null && !parties.Exists(p => p.Id == party))
        {
            reader.Error($"{Path}.party", $"no party '{party}' in this agreement");
            party = null;
        }

        decimal? deduction = null;
        if (element.TryGetProperty("deduction", out JsonElement d))
        {
            if (d.ValueKind == JsonValueKind.Number && d.TryGetDecimal(out decimal yuan) && yuan > 0)
            {
                deduction = yuan;
            }
            else
            {
                reader.Error($"{Path}.deduction", $"'{d}' is not a positive amount in yuan");
                return null;
            }
        }

        return level is null || party is null ? null : new IncidentTerm(level.Value, party, deduction);
    }

    // "ecologicalFlow": {"section", "minimumFlow": m³/s, "perDay": yuan, "cap": yuan (optional), "payer", "payee"}.
    private static EcologicalFlowTerm? ReadFlowTerm(JsonElement root, JsonReader reader, List<Party> parties, List<AgreementSection> sections)
    {
        const string Path = "$.ecologicalFlow";
        if (!root.TryGetProperty("ecologicalFlow", out JsonElement element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            reader.Error(Path, "must be an object: {\"section\", \"minimumFlow\": m³/s, \"perDay\": yuan, \"cap\": yuan, \"payer\", \"payee\"}");
            return null;
        }

        int errors = reader.Errors.Count;
        string? section = reader.RequiredString(element, Path, "section");
        if (section is not null && !sections.Exists(s => s.Id == section))
        {
            reader.Error($"{Path}.section", $"no section '{section}' in this agreement");
        }

        string? Party(string name)
        {
            string? id = reader.RequiredString(element, Path, name);
            if (id is not null && !parties.Exists(p => p.Id == id))
            {
                reader.Error($"{Path}.{name}", $"no party '{id}' in this agreement");
            }

            return id;
        }

        decimal? Positive(string name, bool required)
        {
            if (!element.TryGetProperty(name, out JsonElement value))
            {
                if (required)
                {
                    reader.Error($"{Path}.{name}", "required");
                }

                return null;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out decimal number) && number > 0)
            {
                return number;
            }

            reader.Error($"{Path}.{name}", $"'{value}' is not a positive number");
            return null;
        }

        string? payer = Party("payer"), payee = Party("payee");
        decimal? minimum = Positive("minimumFlow", true), perDay = Positive("perDay", true), cap = Positive("cap", false);
        if (payer is not null && payer == payee)
        {
            reader.Error(Path, "payer and payee must differ");
        }

        return reader.Errors.Count > errors ? null : new EcologicalFlowTerm(section!, minimum!.Value, perDay!.Value, cap, payer!, payee!);
    }

    private static TimeSpan? ReadTimeZone(JsonElement root, JsonReader reader)
    {
        if (!root.TryGetProperty("timeZone", out _))
        {
            return null;
        }

        string? text = reader.RequiredString(root, "$", "timeZone");
        if (text is not null && text.Length == 6 && text[0] is '+' or '-' && text[3] == ':'
            && int.TryParse(text.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int hours)
            && int.TryParse(text.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int minutes)
            && minutes < 60 && (hours * 60) + minutes <= 14 * 60)
        {
            var offset = new TimeSpan(hours, minutes, 0);
            return text[0] == '-' ? -offset : offset;
        }

        if (text is not null)
        {
            reader.Error("$.timeZone", $"'{text}' is not a UTC offset like +08:00 (−14:00 to +14:00)");
        }

        return null;
    }

    private static string[] ReadUnconfirmed(JsonElement root, JsonReader reader)
    {
        var names = new List<string>();
        foreach ((JsonElement item, string path) in reader.Array(root, "$", "unconfirmed", required: false))
        {
            string? name = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (names.Count == MaxUnconfirmed)
            {
                reader.Error(path, $"at most {MaxUnconfirmed} unconfirmed terms");
                break;
            }

            if (name is null || name.Length > MaxTermNameLength || !TermNames.Contains(name.Split('.')[0])
                || name.Split('.').Any(part => part.Length == 0 || !part.All(char.IsAsciiLetterOrDigit)))
            {
                reader.Error(path, $"'{item}' does not name a term of the agreement ({string.Join(", ", TermNames)}, or one of their fields like amount.change.cap)");
            }
            else if (!Present(root, name))
            {
                reader.Error(path, $"'{name}' is marked unconfirmed but the file does not state it");
            }
            else if (names.Contains(name))
            {
                reader.Error(path, $"'{name}' is listed twice");
            }
            else
            {
                names.Add(name);
            }
        }

        return [.. names];
    }

    // Whether the file states the term a dotted name points at.
    private static bool Present(JsonElement root, string name)
    {
        JsonElement element = root;
        foreach (string part in name.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
            {
                return false;
            }
        }

        return true;
    }

    // Per-item completeness overrides: "items": { "TP": { "minValuesPerDay": 1, "minDaysPerMonth": 10 } }.
    private static Dictionary<string, CompletenessRules> ReadItemCompleteness(JsonElement completeness, JsonReader reader, CompletenessRules common)
    {
        var result = new Dictionary<string, CompletenessRules>(StringComparer.Ordinal);
        if (!completeness.TryGetProperty("items", out JsonElement items))
        {
            return result;
        }

        if (items.ValueKind != JsonValueKind.Object)
        {
            reader.Error("$.completeness.items", "must be an object of item id → {minValuesPerDay, minDaysPerMonth}");
            return result;
        }

        foreach (JsonProperty item in items.EnumerateObject())
        {
            string path = $"$.completeness.items.{item.Name}";
            if (StandardItems.Find(item.Name) is null)
            {
                reader.Error(path, $"'{item.Name}' is not a GB 3838 item id");
            }
            else if (result.ContainsKey(item.Name))
            {
                reader.Error(path, "listed twice");
            }
            else if (item.Value.ValueKind != JsonValueKind.Object)
            {
                reader.Error(path, "must be an object with minValuesPerDay and/or minDaysPerMonth");
            }
            else
            {
                result[item.Name] = common with
                {
                    MinValuesPerDay = Count(item.Value, path, "minValuesPerDay", common.MinValuesPerDay, MaxValuesPerDay, reader),
                    MinDaysPerMonth = Count(item.Value, path, "minDaysPerMonth", common.MinDaysPerMonth, 31, reader),
                };
            }
        }

        return result;
    }

    private static int Count(JsonElement parent, string path, string name, int? fallback, int max, JsonReader reader)
    {
        if (!parent.TryGetProperty(name, out JsonElement value))
        {
            if (fallback is null)
            {
                reader.Error($"{path}.{name}", "required: the agreement must state it");
            }

            return fallback ?? 1;
        }

        if (value.TryGetInt32(out int number) && number >= 1 && number <= max)
        {
            return number;
        }

        reader.Error($"{path}.{name}", string.Create(CultureInfo.InvariantCulture, $"must be a whole number from 1 to {max}"));
        return fallback ?? 1;
    }

    // A section's "dataSource": { "kind": "station" | "precedence" | "mean", "stations": [...] }, naming stations of the section.
    private static SectionDataSource? ReadSectionSource(JsonElement section, string path, string[] sectionStations, JsonReader reader)
    {
        if (!section.TryGetProperty("dataSource", out JsonElement element))
        {
            return null;
        }

        path += ".dataSource";
        if (element.ValueKind != JsonValueKind.Object)
        {
            reader.Error(path, "must be an object: {\"kind\": \"station\" | \"precedence\" | \"mean\", \"stations\": [...]}");
            return null;
        }

        DataSourceKind? kind = reader.Enum(element, path, "kind", DataSourceKinds.ByText, (DataSourceKind?)null);
        var stations = new List<string>();
        foreach ((JsonElement value, string stationPath) in reader.Array(element, path, "stations"))
        {
            string? station = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (stations.Count == MaxSourceStations)
            {
                reader.Error(stationPath, string.Create(CultureInfo.InvariantCulture, $"at most {MaxSourceStations} stations"));
                break;
            }

            if (station is null || !sectionStations.Contains(station))
            {
                reader.Error(stationPath, $"'{value}' is not one of the section's stations");
            }
            else if (stations.Contains(station))
            {
                reader.Error(stationPath, $"'{station}' is named twice");
            }
            else
            {
                stations.Add(station);
            }
        }

        (int least, int most) = kind switch { DataSourceKind.Station => (1, 1), DataSourceKind.EqualMean or DataSourceKind.Precedence => (2, MaxSourceStations), _ => (1, MaxSourceStations) };
        if (kind is not null && stations.Count > 0 && (stations.Count < least || stations.Count > most))
        {
            reader.Error($"{path}.stations", kind == DataSourceKind.Station ? "'station' names exactly one station" : $"'{DataSourceKinds.Text(kind.Value)}' names at least two stations");
            return null;
        }

        return kind is null || stations.Count == 0 ? null : new SectionDataSource(kind.Value, stations);
    }
}
