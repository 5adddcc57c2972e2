using System.Globalization;
using System.Text.Json;

namespace Qingshui.Domain.Network;

/// <summary>Reads values out of a JSON document while collecting every error with its path, so one file reports all its problems at once.</summary>
internal sealed class JsonReader
{
    public List<JsonFileError> Errors { get; } = [];

    public void Error(string path, string message) => Errors.Add(new JsonFileError(path, message));

    public string? RequiredString(JsonElement parent, string path, string name)
    {
        if (!parent.TryGetProperty(name, out JsonElement value))
        {
            Error($"{path}.{name}", "required");
            return null;
        }

        return StringValue(value, $"{path}.{name}");
    }

    public string? OptionalString(JsonElement parent, string path, string name) =>
        parent.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? StringValue(value, $"{path}.{name}") : null;

    public LocalizedText? Name(JsonElement parent, string path, string name = "name")
    {
        if (!parent.TryGetProperty(name, out JsonElement value) || value.ValueKind != JsonValueKind.Object)
        {
            Error($"{path}.{name}", "required: an object with \"zh\" and \"en\"");
            return null;
        }

        string? zh = RequiredString(value, $"{path}.{name}", "zh");
        string? en = RequiredString(value, $"{path}.{name}", "en");
        return zh is null || en is null ? null : new LocalizedText(zh, en);
    }

    public IEnumerable<(JsonElement Item, string Path)> Array(JsonElement parent, string path, string name, bool required = true)
    {
        if (!parent.TryGetProperty(name, out JsonElement value))
        {
            if (required)
            {
                Error($"{path}.{name}", "required");
            }

            yield break;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Error($"{path}.{name}", "must be an array");
            yield break;
        }

        int index = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            yield return (item, string.Create(CultureInfo.InvariantCulture, $"{path}.{name}[{index++}]"));
        }
    }

    public T? Enum<T>(JsonElement parent, string path, string name, IReadOnlyDictionary<string, T> values, T? fallback)
        where T : struct
    {
        string? text = fallback is null ? RequiredString(parent, path, name) : OptionalString(parent, path, name);
        if (text is null)
        {
            return fallback;
        }

        if (values.TryGetValue(text, out T value))
        {
            return value;
        }

        Error($"{path}.{name}", $"'{text}' is not one of {string.Join(", ", values.Keys)}");
        return null;
    }

    private string? StringValue(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(path, "must be a string");
            return null;
        }

        string text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            Error(path, "must not be empty");
            return null;
        }

        return text;
    }
}
