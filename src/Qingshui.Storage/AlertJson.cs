using System.Globalization;
using System.Text.Json;
using Qingshui.Domain.Alerts;

namespace Qingshui.Storage;

/// <summary>The alert columns kept as JSON text, written and read the same on every backend.</summary>
public static class AlertJson
{
    /// <summary>An alert's evidence as the JSON the alerts table keeps.</summary>
    public static string EvidenceJson(IReadOnlyList<AlertValue> evidence)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (AlertValue value in evidence)
            {
                json.WriteStartObject();
                json.WriteString("time", value.Time.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
                json.WriteNumber("value", value.Value);
                json.WriteBoolean("valid", value.Valid);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The evidence from <see cref="EvidenceJson"/>'s text.</summary>
    public static AlertValue[] ReadEvidence(string text)
    {
        using JsonDocument document = JsonDocument.Parse(text);
        return [.. document.RootElement.EnumerateArray().Select(e => new AlertValue(
            DateTimeOffset.Parse(e.GetProperty("time").GetString()!, CultureInfo.InvariantCulture), e.GetProperty("value").GetDecimal(), e.GetProperty("valid").GetBoolean()))];
    }
}
