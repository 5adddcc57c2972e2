using System.Globalization;
using System.Text.Json;
using Qingshui.Domain.Network;

namespace Qingshui.Server.Notices;

internal static partial class NoticeReceiversFile
{
    /// <summary>Reads fields of the receivers file, collecting every error with its path; a secret's value is never put in a message.</summary>
    private sealed class Fields(List<JsonFileError> errors)
    {
        public int Count => errors.Count;

        public void Error(string path, string message) => errors.Add(new JsonFileError(path, message));

        public void Known(JsonElement item, string path, string[] names)
        {
            foreach (JsonProperty property in item.EnumerateObject())
            {
                if (!names.Contains(property.Name, StringComparer.Ordinal))
                {
                    Error($"{path}.{Shorten(property.Name)}", $"unknown field (known: {string.Join(", ", names)})");
                }
            }
        }

        public string? String(JsonElement item, string path, string name, bool required)
        {
            if (!item.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Error($"{path}.{name}", "required");
                }

                return null;
            }

            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                Error($"{path}.{name}", "must be a non-empty string");
                return null;
            }

            return value.GetString();
        }

        public double? Number(JsonElement item, string path, string name, double min, double max, bool whole = false)
        {
            if (!item.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || number < min || number > max
                || (whole && number != Math.Floor(number)))
            {
                Error($"{path}.{name}", string.Create(CultureInfo.InvariantCulture, $"must be a {(whole ? "whole number" : "number")} from {min} to {max}"));
                return null;
            }

            return number;
        }

        /// <summary>An optional array of non-empty strings; <c>null</c> when absent.</summary>
        public List<string>? Strings(JsonElement item, string path, string name)
        {
            if (!item.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                Error($"{path}.{name}", "must be an array of strings");
                return [];
            }

            var texts = new List<string>();
            int index = 0;
            foreach (JsonElement element in value.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()) || element.GetString()!.Length > 320)
                {
                    Error(string.Create(CultureInfo.InvariantCulture, $"{path}.{name}[{index}]"), "must be a non-empty string of at most 320 characters");
                }
                else
                {
                    texts.Add(element.GetString()!);
                }

                index++;
            }

            return texts;
        }

        public IEnumerable<(JsonElement Item, string Path)> Array(JsonElement item, string path, string name, bool required)
        {
            if (!item.TryGetProperty(name, out JsonElement value) || value.ValueKind != JsonValueKind.Array)
            {
                if (required || value.ValueKind != JsonValueKind.Undefined)
                {
                    Error($"{path}.{name}", required && value.ValueKind == JsonValueKind.Undefined ? "required: an array" : "must be an array");
                }

                yield break;
            }

            int index = 0;
            foreach (JsonElement element in value.EnumerateArray())
            {
                yield return (element, string.Create(CultureInfo.InvariantCulture, $"{path}.{name}[{index++}]"));
            }
        }
    }
}
