using System.Globalization;
using System.Text.Json;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Quality;

namespace Qingshui.Domain.Network;

/// <summary>
/// Reads a basin file (format <c>qingshui-basin/1</c>, JSON): jurisdictions, sections, stations and data-flag rules.
/// Every problem is reported with its JSON path; a file with any error yields no basin.
/// </summary>
/// <remarks>The format is documented in <c>docs/basin-file.md</c>.</remarks>
public static class BasinFile
{
    /// <summary>The format tag this reader understands.</summary>
    public const string Format = "qingshui-basin/1";

    private static readonly Dictionary<string, WaterbodyKind> Waterbodies = new(StringComparer.Ordinal)
    {
        ["river"] = WaterbodyKind.River, ["lake"] = WaterbodyKind.Lake, ["reservoir"] = WaterbodyKind.Reservoir,
    };

    // Also the words of the station register's edits (StationRules).
    internal static readonly Dictionary<string, ProtocolEdition> Editions = new(StringComparer.Ordinal)
    {
        ["HJ212-2017"] = ProtocolEdition.Hj212V2017, ["HJ212-2005"] = ProtocolEdition.Hj212V2005,
        ["HJ212-2025"] = ProtocolEdition.Hj212V2025,
    };

    internal static readonly Dictionary<string, CrcPolicy> CrcPolicies = new(StringComparer.Ordinal)
    {
        ["strict"] = CrcPolicy.Strict, ["accept-modbus"] = CrcPolicy.AcceptModbus, ["no-check"] = CrcPolicy.NoCheck,
    };

    private static readonly Dictionary<string, WaterClass> TargetClasses = new(StringComparer.Ordinal)
    {
        ["I"] = WaterClass.I, ["II"] = WaterClass.II, ["III"] = WaterClass.III, ["IV"] = WaterClass.IV, ["V"] = WaterClass.V,
    };

    /// <summary>Reads a basin file's text.</summary>
    public static BasinFileResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return new BasinFileResult(null, [new JsonFileError(
                string.Create(CultureInfo.InvariantCulture, $"line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}"), "not valid JSON")]);
        }

        using (document)
        {
            var reader = new JsonReader();
            Basin? basin = ReadBasin(document.RootElement, reader);
            return reader.Errors.Count == 0 ? new BasinFileResult(basin, []) : new BasinFileResult(null, reader.Errors);
        }
    }

    private static Basin? ReadBasin(JsonElement root, JsonReader reader)
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
        var jurisdictions = ReadJurisdictions(root, reader);
        var sections = ReadSections(root, reader, jurisdictions);
        var stations = ReadStations(root, reader, jurisdictions, sections);
        DataFlagPolicy flags = ReadDataFlags(root, reader);
        return id is null || name is null ? null : new Basin(id, name, jurisdictions, sections, stations, flags);
    }

    private static List<Jurisdiction> ReadJurisdictions(JsonElement root, JsonReader reader)
    {
        var list = new List<Jurisdiction>();
        foreach ((JsonElement item, string path) in reader.Array(root, "$", "jurisdictions"))
        {
            string? id = reader.RequiredString(item, path, "id");
            LocalizedText? name = reader.Name(item, path);
            if (id is not null && list.Exists(j => j.Id == id))
            {
                reader.Error($"{path}.id", $"duplicate jurisdiction '{id}'");
            }
            else if (id is not null && name is not null)
            {
                list.Add(new Jurisdiction(id, name));
            }
        }

        return list;
    }

    private static List<Section> ReadSections(JsonElement root, JsonReader reader, List<Jurisdiction> jurisdictions)
    {
        var list = new List<Section>();
        foreach ((JsonElement item, string path) in reader.Array(root, "$", "sections"))
        {
            string? id = reader.RequiredString(item, path, "id");
            LocalizedText? name = reader.Name(item, path);
            string? river = reader.RequiredString(item, path, "river");
            WaterbodyKind? waterbody = reader.Enum(item, path, "waterbody", Waterbodies, (WaterbodyKind?)null);
            WaterClass? target = reader.Enum(item, path, "targetClass", TargetClasses, (WaterClass?)null);
            string? jurisdiction = JurisdictionRef(item, path, "jurisdiction", reader, jurisdictions, required: true);
            string? upstream = JurisdictionRef(item, path, "upstream", reader, jurisdictions, required: false);
            string? downstream = JurisdictionRef(item, path, "downstream", reader, jurisdictions, required: false);
            if ((upstream is null) != (downstream is null))
            {
                reader.Error(path, "a boundary section needs both \"upstream\" and \"downstream\"");
            }

            GeoPoint? location = ReadLocation(item, path, reader);
            IReadOnlyList<StandardItem>? monitored = ReadMonitoredItems(item, path, reader);
            double? reachKm = ReadPositive(item, path, "reachKmToNext", MaxReachKm, reader);
            double? velocity = ReadPositive(item, path, "velocityMps", MaxVelocityMps, reader);
            if (id is not null && list.Exists(s => s.Id == id))
            {
                reader.Error($"{path}.id", $"duplicate section '{id}'");
            }
            else if (id is not null && name is not null && river is not null && waterbody is not null && target is not null && jurisdiction is not null)
            {
                list.Add(new Section(id, name, river, waterbody.Value, target.Value, jurisdiction, upstream, downstream, location, list.Count)
                {
                    MonitoredItems = monitored,
                    ReachKmToNext = reachKm,
                    VelocityMps = velocity,
                });
            }
        }

        return list;
    }

    // The longest reach and the fastest mean flow a file may give: beyond them a number is a typo (metres for km, km/h for m/s).
    private const double MaxReachKm = 5000;
    private const double MaxVelocityMps = 10;

    // "reachKmToNext": 38.5, "velocityMps": 0.6: the reach to the next section on the same river; absent when not known.
    private static double? ReadPositive(JsonElement section, string path, string name, double max, JsonReader reader)
    {
        if (!section.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number) && number > 0 && number <= max)
        {
            return number;
        }

        reader.Error($"{path}.{name}", string.Create(CultureInfo.InvariantCulture, $"must be a number above 0 and at most {max}"));
        return null;
    }

    // "monitoredItems": ["pH", "DO", "CODMn", "NH3N"]: GB 3838 item ids, each once; absent when not known.
    private static StandardItem[]? ReadMonitoredItems(JsonElement section, string path, JsonReader reader)
    {
        if (!section.TryGetProperty("monitoredItems", out _))
        {
            return null;
        }

        var items = new List<StandardItem>();
        foreach ((JsonElement value, string itemPath) in reader.Array(section, path, "monitoredItems"))
        {
            StandardItem? item = value.ValueKind == JsonValueKind.String ? StandardItems.Find(value.GetString()!) : null;
            if (items.Count == StandardItems.All.Count)
            {
                reader.Error(itemPath, "more items than GB 3838 has");
                break;
            }

            if (item is null)
            {
                reader.Error(itemPath, $"'{value}' is not a GB 3838 item id");
            }
            else if (items.Contains(item))
            {
                reader.Error(itemPath, $"'{item.Id}' is listed twice");
            }
            else
            {
                items.Add(item);
            }
        }

        return [.. items];
    }

    private static List<Station> ReadStations(JsonElement root, JsonReader reader, List<Jurisdiction> jurisdictions, List<Section> sections)
    {
        var list = new List<Station>();
        foreach ((JsonElement item, string path) in reader.Array(root, "$", "stations"))
        {
            string? mn = reader.RequiredString(item, path, "mn");
            string? password = reader.RequiredString(item, path, "password");
            LocalizedText? name = reader.Name(item, path);
            string? section = reader.RequiredString(item, path, "section");
            if (section is not null && !sections.Exists(s => s.Id == section))
            {
                reader.Error($"{path}.section", $"no section '{section}' in this file");
            }

            string? operatorId = JurisdictionRef(item, path, "operator", reader, jurisdictions, required: true);
            ProtocolEdition? edition = reader.Enum(item, path, "edition", Editions, (ProtocolEdition?)null);
            CrcPolicy? crc = reader.Enum(item, path, "crc", CrcPolicies, (CrcPolicy?)CrcPolicy.Strict);
            TimeSpan offset = ReadOffset(item, path, reader);
            List<string> parameters = ReadParameters(item, path, reader);
            Dictionary<string, Unit> units = ReadUnits(item, path, reader);
            if (mn is not null && list.Exists(s => s.DeviceId == mn))
            {
                reader.Error($"{path}.mn", $"duplicate MN '{mn}'");
            }
            else if (mn is not null && password is not null && name is not null && section is not null && operatorId is not null
                && edition is not null && crc is not null)
            {
                list.Add(new Station(mn, password, name, section, operatorId, edition.Value, crc.Value, offset, parameters, units));
            }
        }

        return list;
    }

    private static string? JurisdictionRef(JsonElement item, string path, string name, JsonReader reader, List<Jurisdiction> jurisdictions, bool required)
    {
        string? id = required ? reader.RequiredString(item, path, name) : reader.OptionalString(item, path, name);
        if (id is not null && !jurisdictions.Exists(j => j.Id == id))
        {
            reader.Error($"{path}.{name}", $"no jurisdiction '{id}' in this file");
            return null;
        }

        return id;
    }

    private static GeoPoint? ReadLocation(JsonElement item, string path, JsonReader reader)
    {
        if (!item.TryGetProperty("location", out JsonElement location))
        {
            return null;
        }

        if (location.ValueKind == JsonValueKind.Object
            && location.TryGetProperty("lon", out JsonElement lon) && lon.TryGetDouble(out double x) && x is >= -180 and <= 180
            && location.TryGetProperty("lat", out JsonElement lat) && lat.TryGetDouble(out double y) && y is >= -90 and <= 90)
        {
            return new GeoPoint(x, y);
        }

        reader.Error($"{path}.location", "must be {\"lon\": -180…180, \"lat\": -90…90}");
        return null;
    }

    private static TimeSpan ReadOffset(JsonElement item, string path, JsonReader reader)
    {
        string? text = reader.OptionalString(item, path, "utcOffset");
        if (text is null)
        {
            return TimeSpan.FromHours(8);
        }

        if (TryParseOffset(text, out TimeSpan offset))
        {
            return offset;
        }

        reader.Error($"{path}.utcOffset", $"'{text}' is not an offset like +08:00");
        return TimeSpan.FromHours(8);
    }

    /// <summary>Reads an offset written <c>+08:00</c> or <c>-05:30</c>, at most 14 hours either way.</summary>
    internal static bool TryParseOffset(string text, out TimeSpan offset)
    {
        string unsigned = text.TrimStart('+', '-');
        if (text.Length > 0 && text[0] is '+' or '-' && unsigned.Length == text.Length - 1
            && TimeSpan.TryParseExact(unsigned, @"hh\:mm", CultureInfo.InvariantCulture, out offset) && offset <= TimeSpan.FromHours(14))
        {
            offset = text[0] == '-' ? -offset : offset;
            return true;
        }

        offset = default;
        return false;
    }

    /// <summary>The written form of an offset (<c>+08:00</c>).</summary>
    internal static string OffsetText(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    private static List<string> ReadParameters(JsonElement item, string path, JsonReader reader)
    {
        var codes = new List<string>();
        foreach ((JsonElement code, string codePath) in reader.Array(item, path, "parameters"))
        {
            if (code.ValueKind != JsonValueKind.String || ParameterCatalogue.Find(code.GetString()!) is null)
            {
                reader.Error(codePath, $"'{code}' is not a known parameter code (HJ 212-2017, e.g. w01009)");
                continue;
            }

            codes.Add(code.GetString()!);
        }

        return codes;
    }

    private static Dictionary<string, Unit> ReadUnits(JsonElement item, string path, JsonReader reader)
    {
        var units = new Dictionary<string, Unit>(StringComparer.Ordinal);
        if (!item.TryGetProperty("units", out JsonElement element))
        {
            return units;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            reader.Error($"{path}.units", "must be an object of code → unit");
            return units;
        }

        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (ParameterCatalogue.Find(property.Name) is null)
            {
                reader.Error($"{path}.units.{property.Name}", "not a known parameter code");
            }
            else if (property.Value.ValueKind != JsonValueKind.String || !UnitText.TryParse(property.Value.GetString()!, out Unit unit))
            {
                reader.Error($"{path}.units.{property.Name}", $"'{property.Value}' is not a known unit");
            }
            else
            {
                units[property.Name] = unit;
            }
        }

        return units;
    }

    private static DataFlagPolicy ReadDataFlags(JsonElement root, JsonReader reader)
    {
        if (!root.TryGetProperty("dataFlags", out JsonElement element))
        {
            return DataFlagPolicy.Default;
        }

        var valid = new List<string>();
        foreach ((JsonElement flag, string path) in reader.Array(element, "$.dataFlags", "valid"))
        {
            if (flag.ValueKind == JsonValueKind.String && flag.GetString() is { Length: > 0 } text)
            {
                valid.Add(text);
            }
            else
            {
                reader.Error(path, "must be a flag letter such as \"N\"");
            }
        }

        bool missingValid = !element.TryGetProperty("missingFlagValid", out JsonElement missing) || missing.ValueKind != JsonValueKind.False;
        return new DataFlagPolicy(valid, missingValid);
    }
}

/// <summary>A basin, or every error that prevented reading one.</summary>
/// <param name="Basin">The basin, when the file had no errors.</param>
/// <param name="Errors">Every problem found.</param>
public sealed record BasinFileResult(Basin? Basin, IReadOnlyList<JsonFileError> Errors);
