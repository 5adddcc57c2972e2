using System.Globalization;
using System.Text.Json;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;

namespace Qingshui.Domain.Review;

/// <summary>Reads the <c>parameters</c> entries of a screening file, checking every field against its bounds.</summary>
internal static class ScreeningFileReader
{
    private const decimal MaxMagnitude = 1_000_000_000m;
    private const int MaxStationLength = 64;
    private const int MaxCount = 10_000;
    private static readonly string[] EntryFields = ["parameter", "station", "possible", "range", "detectionLimit", "spike", "stuck", "flat"];

    private static readonly Dictionary<string, ScreeningVerdict> Verdicts = new(StringComparer.Ordinal)
    {
        ["suspect"] = ScreeningVerdict.Suspect, ["invalid"] = ScreeningVerdict.Invalid,
    };

    public static List<(string Parameter, string? Station, ParameterScreening Settings)> Entries(JsonReader reader, JsonElement root)
    {
        var entries = new List<(string, string?, ParameterScreening)>();
        var seen = new HashSet<(string, string?)>();
        foreach ((JsonElement item, string path) in reader.Array(root, "$", "parameters"))
        {
            if (entries.Count >= ScreeningFile.MaxEntries)
            {
                reader.Error(path, string.Create(CultureInfo.InvariantCulture, $"at most {ScreeningFile.MaxEntries} entries"));
                break;
            }

            if (item.ValueKind != JsonValueKind.Object)
            {
                reader.Error(path, "must be an object");
                continue;
            }

            RejectUnknown(reader, item, path, EntryFields);
            string? parameter = reader.RequiredString(item, path, "parameter");
            if (parameter is not null && ParameterCatalogue.Find(parameter) is null)
            {
                reader.Error(path + ".parameter", $"'{parameter}' is not an HJ 212-2017 parameter code known here (such as w21003)");
            }

            string? station = reader.OptionalString(item, path, "station");
            if (station is { Length: > MaxStationLength })
            {
                reader.Error(path + ".station", string.Create(CultureInfo.InvariantCulture, $"an MN has at most {MaxStationLength} characters"));
            }

            var settings = new ParameterScreening
            {
                Possible = Object(reader, item, path, "possible") is JsonElement p ? Range(reader, p, path + ".possible", fixedVerdict: true) : null,
                Range = Object(reader, item, path, "range") is JsonElement r ? Range(reader, r, path + ".range", fixedVerdict: false) : null,
                DetectionLimit = Object(reader, item, path, "detectionLimit") is JsonElement d
                    ? new DetectionLimit(Number(reader, d, path + ".detectionLimit", "limit", positive: true), Verdict(reader, d, path + ".detectionLimit", "limit"))
                    : null,
                Spike = Object(reader, item, path, "spike") is JsonElement s
                    ? new SpikeLimit(Number(reader, s, path + ".spike", "jump", positive: true), Verdict(reader, s, path + ".spike", "jump"))
                    : null,
                Stuck = Object(reader, item, path, "stuck") is JsonElement k
                    ? new StuckLimit(Count(reader, k, path + ".stuck", "count"), Verdict(reader, k, path + ".stuck", "count"))
                    : null,
                Flat = Object(reader, item, path, "flat") is JsonElement f
                    ? new FlatLimit(Count(reader, f, path + ".flat", "window"), Number(reader, f, path + ".flat", "epsilon", positive: true),
                        Verdict(reader, f, path + ".flat", "window", "epsilon"))
                    : null,
            };
            if (parameter is not null && !seen.Add((parameter, station)))
            {
                reader.Error(path, station is null
                    ? $"'{parameter}' already has a basin-wide entry"
                    : $"'{parameter}' already has an entry for station '{station}'");
            }

            entries.Add((parameter ?? "", station, settings));
        }

        return entries;
    }

    public static void RejectUnknown(JsonReader reader, JsonElement element, string path, IReadOnlyCollection<string> known)
    {
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                reader.Error($"{path}.{property.Name}", $"unknown field; expected one of {string.Join(", ", known)}");
            }
        }
    }

    private static JsonElement? Object(JsonReader reader, JsonElement item, string path, string name)
    {
        if (!item.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            reader.Error($"{path}.{name}", "must be an object");
            return null;
        }

        return value;
    }

    private static RangeLimit? Range(JsonReader reader, JsonElement element, string path, bool fixedVerdict)
    {
        RejectUnknown(reader, element, path, fixedVerdict ? ["min", "max"] : ["min", "max", "verdict"]);
        decimal? min = OptionalNumber(reader, element, path, "min");
        decimal? max = OptionalNumber(reader, element, path, "max");
        if (min is null && max is null)
        {
            reader.Error(path, "needs min, max or both");
        }
        else if (min > max)
        {
            reader.Error(path + ".min", string.Create(CultureInfo.InvariantCulture, $"{min} is above max {max}"));
        }

        ScreeningVerdict verdict = fixedVerdict ? ScreeningVerdict.Invalid
            : reader.Enum(element, path, "verdict", Verdicts, ScreeningVerdict.Invalid) ?? ScreeningVerdict.Invalid;
        return new RangeLimit(min, max, verdict);
    }

    private static ScreeningVerdict Verdict(JsonReader reader, JsonElement element, string path, params string[] fields)
    {
        RejectUnknown(reader, element, path, [.. fields, "verdict"]);
        return reader.Enum(element, path, "verdict", Verdicts, ScreeningVerdict.Suspect) ?? ScreeningVerdict.Suspect;
    }

    private static decimal Number(JsonReader reader, JsonElement element, string path, string name, bool positive)
    {
        if (!element.TryGetProperty(name, out JsonElement present) || present.ValueKind == JsonValueKind.Null)
        {
            reader.Error($"{path}.{name}", "required");
            return 0;
        }

        decimal? value = OptionalNumber(reader, element, path, name);
        if (positive && value <= 0)
        {
            reader.Error($"{path}.{name}", "must be above 0");
        }

        return value ?? 0;
    }

    private static decimal? OptionalNumber(JsonReader reader, JsonElement element, string path, string name)
    {
        if (!element.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out decimal number) || Math.Abs(number) > MaxMagnitude)
        {
            reader.Error($"{path}.{name}", string.Create(CultureInfo.InvariantCulture, $"must be a number between -{MaxMagnitude} and {MaxMagnitude}"));
            return null;
        }

        return number;
    }

    private static int Count(JsonReader reader, JsonElement element, string path, string name)
    {
        if (!element.TryGetProperty(name, out JsonElement value) || value.ValueKind != JsonValueKind.Number
            || !value.TryGetInt32(out int count) || count is < 2 or > MaxCount)
        {
            reader.Error($"{path}.{name}", string.Create(CultureInfo.InvariantCulture, $"required: a whole number from 2 to {MaxCount}"));
            return 2;
        }

        return count;
    }
}
