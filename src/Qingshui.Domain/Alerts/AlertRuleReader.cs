using System.Globalization;
using System.Text.Json;
using Qingshui.Domain.Network;
using Qingshui.Domain.Readings;

namespace Qingshui.Domain.Alerts;

/// <summary>Reads one rule of a rules file, checking every field against its bounds.</summary>
internal static class AlertRuleReader
{
    private const int MaxIdLength = 64;

    public static AlertRule? Read(JsonReader reader, JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            reader.Error(path, "must be an object");
            return null;
        }

        int errors = reader.Errors.Count;
        string? id = reader.RequiredString(item, path, "id");
        if (id is not null && (id.Length is 0 or > MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            reader.Error(path + ".id", $"must be 1–{MaxIdLength} letters, digits, '-', '_' or '.'");
        }

        AlertKind? kind = reader.Enum(item, path, "kind", AlertKinds.ByWord, null);
        AlertSeverity? severity = reader.Enum(item, path, "severity", AlertKinds.SeverityByWord, AlertSeverity.Warning);
        ReadingKind? readingKind = reader.Enum(item, path, "readingKind", AlertRuleFile.ReadingKindWords, ReadingKind.Hour);
        string[] parameters = [.. reader.Array(item, path, "parameters", required: false).Select(p => Code(reader, p.Item, p.Path)).OfType<string>()];
        int clearAfter = Whole(reader, item, path, "clearAfterMinutes", 180, 0, 60 * 24 * 31);
        var rule = new AlertRule(id ?? "", kind ?? AlertKind.TargetExceeded, severity ?? AlertSeverity.Warning)
        {
            Section = reader.OptionalString(item, path, "section"),
            Station = reader.OptionalString(item, path, "station"),
            Parameters = parameters,
            ReadingKind = readingKind ?? ReadingKind.Hour,
            ClearAfter = TimeSpan.FromMinutes(clearAfter),
        };
        rule = kind switch
        {
            AlertKind.TargetExceededFor => rule with { Duration = TimeSpan.FromHours(Whole(reader, item, path, "hours", null, 1, 24 * 31)) },
            AlertKind.Silence => rule with { Duration = TimeSpan.FromMinutes(Whole(reader, item, path, "silentMinutes", null, 1, 60 * 24 * 31)) },
            AlertKind.FastRise => rule with { RatePerHour = (decimal)Number(reader, item, path, "ratePerHour", null, 0, 1_000_000) },
            AlertKind.FlatLine or AlertKind.InvalidRun => rule with { Count = Whole(reader, item, path, "count", null, 2, 10_000) },
            AlertKind.Statistical => rule with { Canary = Canary(reader, item, path) },
            _ => rule,
        };
        return reader.Errors.Count == errors ? rule : null;
    }

    private static CanarySettings Canary(JsonReader reader, JsonElement item, string path)
    {
        CanarySettings d = CanarySettings.Default;
        int window = Whole(reader, item, path, "window", d.Window, 2, 64);
        return new CanarySettings(
            Whole(reader, item, path, "history", d.History, 8, 2000),
            Whole(reader, item, path, "order", d.Order, 1, 8),
            Number(reader, item, path, "outlierThreshold", d.OutlierThreshold, 0.1, 100),
            Number(reader, item, path, "precision", d.Precision, 0, 1_000_000),
            window,
            Number(reader, item, path, "outlierProbability", d.OutlierProbability, 0.001, 0.999),
            Number(reader, item, path, "eventThreshold", d.EventThreshold, 0.5, 0.999999),
            Whole(reader, item, path, "eventTimeout", d.EventTimeout, 1, 10_000));
    }

    private static string? Code(JsonReader reader, JsonElement item, string path)
    {
        string? code = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
        if (code is null || code.Length is 0 or > 16)
        {
            reader.Error(path, "must be a parameter code such as \"w21003\"");
            return null;
        }

        return code;
    }

    private static int Whole(JsonReader reader, JsonElement item, string path, string name, int? fallback, int min, int max)
    {
        double value = Number(reader, item, path, name, fallback, min, max);
        if (value != Math.Floor(value))
        {
            reader.Error($"{path}.{name}", "must be a whole number");
        }

        return (int)Math.Clamp(value, min, max);
    }

    private static double Number(JsonReader reader, JsonElement item, string path, string name, double? fallback, double min, double max)
    {
        if (!item.TryGetProperty(name, out JsonElement value))
        {
            if (fallback is double f)
            {
                return f;
            }

            reader.Error($"{path}.{name}", "required for this kind of rule");
            return min;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || number < min || number > max)
        {
            reader.Error($"{path}.{name}", string.Create(CultureInfo.InvariantCulture, $"must be a number from {min} to {max}"));
            return min;
        }

        return number;
    }
}
