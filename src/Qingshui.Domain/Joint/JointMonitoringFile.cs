using System.Globalization;
using System.Text.Json;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Joint;

/// <summary>What reading a joint-monitoring settings file gave: the settings, or every problem with its JSON path.</summary>
/// <param name="Settings">The settings when there were no errors.</param>
/// <param name="Errors">Every problem, each naming its field.</param>
public sealed record JointMonitoringFileResult(JointMonitoringSettings? Settings, IReadOnlyList<JsonFileError> Errors)
{
    /// <summary>Whether the file was good.</summary>
    public bool Success => Settings is not null;
}

/// <summary>
/// Joint-monitoring settings file (<c>qingshui-joint-monitoring/1</c>): JSON, bounded and validated, every error naming
/// its field. <c>{"format": "qingshui-joint-monitoring/1", "tolerances": [{"item": "NH3N", "absolute": 0.1, "relative": 0.2}]}</c>;
/// <c>item</c> is a GB 3838 item id or its HJ 212 code (<c>w21003</c>), each tolerance needs at least one bound.
/// </summary>
public static class JointMonitoringFile
{
    /// <summary>The format tag.</summary>
    public const string Format = "qingshui-joint-monitoring/1";

    /// <summary>Largest file read, in characters.</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>Largest relative bound (10 = 1000 %).</summary>
    public const decimal MaxRelative = 10m;

    /// <summary>Reads a settings file.</summary>
    public static JointMonitoringFileResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (JsonFileText.Open(json, MaxLength, 8, out string errorPath, out string error) is not JsonDocument document)
        {
            return Failed(errorPath, error);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Failed("$", "must be an object");
            }

            var reader = new JsonReader();
            if (reader.RequiredString(root, "$", "format") is string format && format != Format)
            {
                reader.Error("$.format", $"'{format}' is not {Format}");
            }

            var tolerances = new Dictionary<string, Tolerance>(StringComparer.Ordinal);
            foreach ((JsonElement item, string path) in reader.Array(root, "$", "tolerances"))
            {
                if (ReadTolerance(reader, item, path) is Tolerance tolerance && !tolerances.TryAdd(tolerance.ItemId, tolerance))
                {
                    reader.Error(path + ".item", $"'{tolerance.ItemId}' has a tolerance earlier in the file");
                }
            }

            return reader.Errors.Count == 0 ? new(new JointMonitoringSettings(tolerances), []) : new(null, reader.Errors);
        }
    }

    private static Tolerance? ReadTolerance(JsonReader reader, JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            reader.Error(path, "must be an object");
            return null;
        }

        int errors = reader.Errors.Count;
        string? name = reader.RequiredString(item, path, "item");
        StandardItem? standard = name is null ? null : StandardItems.Find(name) ?? StandardItems.ForParameter(name);
        if (name is not null && standard is null)
        {
            reader.Error(path + ".item", $"'{name}' is neither a GB 3838 item id (NH3N, TP, pH …) nor its HJ 212 code (w21003 …)");
        }

        decimal? absolute = Bound(reader, item, path, "absolute", decimal.MaxValue);
        decimal? relative = Bound(reader, item, path, "relative", MaxRelative);
        if (absolute is null && relative is null && !item.TryGetProperty("absolute", out _) && !item.TryGetProperty("relative", out _))
        {
            reader.Error(path, "needs \"absolute\" (in the item's unit), \"relative\" (a fraction: 0.2 = 20 %) or both");
        }

        return reader.Errors.Count == errors && standard is not null ? new Tolerance(standard.Id, absolute, relative) : null;
    }

    private static decimal? Bound(JsonReader reader, JsonElement item, string path, string name, decimal max)
    {
        if (!item.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out decimal bound) || bound < 0 || bound > max)
        {
            reader.Error($"{path}.{name}", max == decimal.MaxValue ? "must be a number 0 or more"
                : string.Create(CultureInfo.InvariantCulture, $"must be a number from 0 to {max}"));
            return null;
        }

        return bound;
    }

    private static JointMonitoringFileResult Failed(string path, string message) => new(null, [new JsonFileError(path, message)]);
}
