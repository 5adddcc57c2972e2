using System.Buffers;
using System.Text.Json;
using Qingshui.Server.Api.Contracts;

namespace Qingshui.Server.Api;

/// <summary>
/// Writes a series answer with <see cref="Utf8JsonWriter"/>, point by point from <see cref="SeriesPoint"/>s: the bytes
/// <see cref="JsonAnswer.Of"/> makes of the same <see cref="SeriesDto"/>, without a <see cref="PointDto"/> per point.
/// </summary>
internal static class SeriesJson
{
    // About what one hourly point takes ({"time":"2025-01-01T00:00:00+08:00","mean":…,"min":…,"max":…,"count":2}).
    private const int BytesPerPoint = 96;

    /// <summary>The answer: <paramref name="series"/>'s fields (its own points are not written) with <paramref name="points"/>.</summary>
    public static JsonAnswer Answer(SeriesDto series, ReadOnlySpan<SeriesPoint> points)
    {
        ArgumentNullException.ThrowIfNull(series);
        var buffer = new ArrayBufferWriter<byte>(512 + (points.Length * BytesPerPoint));
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JsonAnswer.Options.Encoder }))
        {
            JsonSerializerOptions options = JsonAnswer.Options;
            writer.WriteStartObject();
            writer.WriteString("section"u8, series.Section);
            writer.WriteString("parameter"u8, series.Parameter);
            writer.WritePropertyName("name"u8);
            JsonSerializer.Serialize(writer, series.Name, options);
            writer.WriteString("unit"u8, series.Unit);
            writer.WriteString("interval"u8, series.Interval);
            writer.WritePropertyName("limits"u8);
            JsonSerializer.Serialize(writer, series.Limits, options);
            writer.WriteStartArray("points"u8);
            foreach (SeriesPoint point in points)
            {
                writer.WriteStartObject();
                writer.WriteString("time"u8, point.Time);
                writer.WriteNumber("mean"u8, point.Mean);
                writer.WriteNumber("min"u8, point.Min);
                writer.WriteNumber("max"u8, point.Max);
                writer.WriteNumber("count"u8, point.Count);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (series.Decimals is int decimals)
            {
                writer.WriteNumber("decimals"u8, decimals);
            }
            else
            {
                writer.WriteNull("decimals"u8);
            }

            writer.WriteString("data"u8, series.Data);
            writer.WriteEndObject();
        }

        return JsonAnswer.OfUtf8(buffer.WrittenSpan.ToArray());
    }
}
