using System.Buffers;
using System.Text.Json;
using Qingshui.Server.Api.Contracts;

namespace Qingshui.Server.Api;

/// <summary>
/// Writes a series answer with <see cref="Utf8JsonWriter"/>, point by point: the bytes <see cref="JsonAnswer.Of"/> makes of
/// the same <see cref="SeriesDto"/>, without a <see cref="PointDto"/> per point.
/// </summary>
/// <remarks>One buffer and writer per thread, reused: an answer is written without awaiting, then copied out once.</remarks>
internal sealed class SeriesJson : IDisposable
{
    // A buffer grown past this (years of hourly points) is not kept for the next answer.
    private const int KeptCapacity = 1 << 20;

    [ThreadStatic]
    private static SeriesJson? t_free;

    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _writer;
    private SeriesDto _series = null!;

    private SeriesJson() => _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JsonAnswer.Options.Encoder });

    /// <summary>Starts an answer: <paramref name="series"/>'s fields before its points (its own points are not written).</summary>
    public static SeriesJson Start(SeriesDto series)
    {
        ArgumentNullException.ThrowIfNull(series);
        SeriesJson json = t_free ?? new SeriesJson();
        t_free = null;
        json._series = series;
        Utf8JsonWriter writer = json._writer;
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
        return json;
    }

    /// <summary>One point, as <see cref="PointDto"/> is written.</summary>
    public void Point(DateTimeOffset time, decimal mean, decimal min, decimal max, int count)
    {
        Utf8JsonWriter writer = _writer;
        writer.WriteStartObject();
        writer.WriteString("time"u8, time);
        writer.WriteNumber("mean"u8, mean);
        writer.WriteNumber("min"u8, min);
        writer.WriteNumber("max"u8, max);
        writer.WriteNumber("count"u8, count);
        writer.WriteEndObject();
    }

    /// <summary>The fields after the points, and the answer.</summary>
    public JsonAnswer End()
    {
        Utf8JsonWriter writer = _writer;
        writer.WriteEndArray();
        if (_series.Decimals is int decimals)
        {
            writer.WriteNumber("decimals"u8, decimals);
        }
        else
        {
            writer.WriteNull("decimals"u8);
        }

        writer.WriteString("data"u8, _series.Data);
        writer.WriteEndObject();
        writer.Flush();
        return JsonAnswer.OfUtf8(_buffer.WrittenSpan.ToArray());
    }

    /// <summary>Gives the buffer back for the next answer on this thread.</summary>
    public void Dispose()
    {
        _writer.Reset();
        _buffer.ResetWrittenCount();
        _series = null!;
        if (_buffer.Capacity <= KeptCapacity)
        {
            t_free = this;
        }
    }
}
