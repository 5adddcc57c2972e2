using System.Text.Json;
using Qingshui.Domain.Incidents;

namespace Qingshui.Storage;

/// <summary>The incident columns kept as JSON text, written and read the same on every backend.</summary>
public static class IncidentJson
{
    /// <summary>The downstream warnings as the JSON the incidents table keeps.</summary>
    public static string DownstreamJson(IReadOnlyList<DownstreamWarning> downstream)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (DownstreamWarning warning in downstream)
            {
                json.WriteStartObject();
                json.WriteString("section", warning.Section);
                json.WriteString("jurisdiction", warning.Jurisdiction);
                if (warning.DistanceKm is double km)
                {
                    json.WriteNumber("distanceKm", km);
                }

                if (warning.Travel is TimeSpan travel)
                {
                    json.WriteNumber("travelSeconds", (long)travel.TotalSeconds);
                }

                if (warning.ArrivalAt is DateTimeOffset arrival)
                {
                    json.WriteString("arrivalAt", StoredText.Time(arrival));
                }

                if (warning.NoEstimate is string why)
                {
                    json.WriteString("noEstimate", why);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The downstream warnings from <see cref="DownstreamJson"/>'s text.</summary>
    public static DownstreamWarning[] ReadDownstream(string text)
    {
        using JsonDocument document = JsonDocument.Parse(text);
        return [.. document.RootElement.EnumerateArray().Select(e => new DownstreamWarning(
            e.GetProperty("section").GetString()!, e.GetProperty("jurisdiction").GetString()!,
            e.TryGetProperty("distanceKm", out JsonElement km) ? km.GetDouble() : null,
            e.TryGetProperty("travelSeconds", out JsonElement travel) ? TimeSpan.FromSeconds(travel.GetInt64()) : null,
            e.TryGetProperty("arrivalAt", out JsonElement arrival) ? StoredText.ParseTime(arrival.GetString()!) : null,
            e.TryGetProperty("noEstimate", out JsonElement why) ? why.GetString() : null))];
    }
}
