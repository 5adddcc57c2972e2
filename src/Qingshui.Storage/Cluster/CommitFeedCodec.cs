using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Cluster;

/// <summary>
/// Writes committed batches as short text messages for a channel that carries a few kilobytes each (PostgreSQL's
/// NOTIFY takes under 8,000 bytes): the sending node, then the records as compact JSON, deflated and in base64. A batch
/// too large for one message is cut into as many as it needs, each a list of whole records.
/// </summary>
/// <remarks>
/// Readings keep everything the receivers use (value exactly, unit, flag, validity, marks, range, screening rule);
/// a packet keeps its station, command, verdict and time, not its bytes (a receiver reads held split parts from the store).
/// </remarks>
public static class CommitFeedCodec
{
    private const string Version = "q1";

    /// <summary>The messages for a batch, each at most <paramref name="maxLength"/> characters.</summary>
    /// <exception cref="ArgumentException">A single record does not fit (its message is too long even alone).</exception>
    public static IReadOnlyList<string> Encode(string node, IReadOnlyList<IngestRecord> records, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(records);
        var messages = new List<string>();
        EncodeInto(node, records, 0, records.Count, maxLength, messages);
        return messages;
    }

    /// <summary>The node and records of one message.</summary>
    /// <exception cref="FormatException">The message is not one <see cref="Encode"/> wrote.</exception>
    public static (string Node, IReadOnlyList<IngestRecord> Records) Decode(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string[] parts = message.Split('|', 3);
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new FormatException("not a commit-feed message of this version");
        }

        try
        {
            using var compressed = new MemoryStream(Convert.FromBase64String(parts[2]));
            using var inflate = new DeflateStream(compressed, CompressionMode.Decompress);
            using var json = new MemoryStream();
            inflate.CopyTo(json);
            using JsonDocument document = JsonDocument.Parse(json.ToArray());
            return (parts[1], [.. document.RootElement.EnumerateArray().Select(ReadRecord)]);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or InvalidDataException or KeyNotFoundException or IndexOutOfRangeException or OverflowException)
        {
            throw new FormatException($"a commit-feed message that cannot be read: {e.Message}", e);
        }
    }

    private static void EncodeInto(string node, IReadOnlyList<IngestRecord> records, int start, int count, int maxLength, List<string> messages)
    {
        if (count == 0)
        {
            return;
        }

        string message = EncodeOne(node, records, start, count);
        if (message.Length <= maxLength)
        {
            messages.Add(message);
            return;
        }

        if (count == 1)
        {
            throw new ArgumentException($"one record makes a message of {message.Length} characters, above {maxLength}", nameof(records));
        }

        // Halving keeps each message near the limit with few tries; records stay whole and in order.
        int half = count / 2;
        EncodeInto(node, records, start, half, maxLength, messages);
        EncodeInto(node, records, start + half, count - half, maxLength, messages);
    }

    private static string EncodeOne(string node, IReadOnlyList<IngestRecord> records, int start, int count)
    {
        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartArray();
            for (int i = start; i < start + count; i++)
            {
                WriteRecord(writer, records[i]);
            }

            writer.WriteEndArray();
        }

        using var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(json.WrittenSpan);
        }

        return $"{Version}|{node}|{Convert.ToBase64String(compressed.GetBuffer(), 0, (int)compressed.Length)}";
    }

    private static void WriteRecord(Utf8JsonWriter writer, IngestRecord record)
    {
        RawPacket packet = record.Packet;
        writer.WriteStartObject();
        writer.WriteString("s", packet.StationId);
        writer.WriteNumber("t", packet.ReceivedAt.ToUnixTimeMilliseconds());
        writer.WriteNumber("o", (int)packet.ReceivedAt.Offset.TotalMinutes);
        writer.WriteNumber("v", (int)packet.Verdict);
        writer.WriteString("c", packet.Command);
        if (record.HoldsSplitPart is SplitPartKey part)
        {
            writer.WriteStartArray("h");
            WriteSeries(writer, part.Series);
            writer.WriteNumberValue(part.PacketNumber);
            writer.WriteEndArray();
        }

        if (record.EndsSplitSeries is SplitSeriesKey ends)
        {
            writer.WriteStartArray("e");
            WriteSeries(writer, ends);
            writer.WriteEndArray();
        }

        if (record.AssignsLogger is string logger)
        {
            writer.WriteString("g", logger);
        }

        writer.WriteStartArray("r");
        foreach (Reading r in record.Readings)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(r.StationId);
            writer.WriteStringValue(r.Parameter);
            writer.WriteNumberValue((int)r.Kind);
            writer.WriteNumberValue(r.PeriodStart.ToUnixTimeMilliseconds());
            writer.WriteNumberValue((int)r.PeriodStart.Offset.TotalMinutes);
            writer.WriteStringValue(r.Value.ToString(CultureInfo.InvariantCulture));
            writer.WriteNumberValue((int)r.Unit);
            writer.WriteStringValue(r.Flag);
            writer.WriteBooleanValue(r.Valid);
            writer.WriteNumberValue((int)r.Marks);
            writer.WriteStringValue(r.Minimum?.ToString(CultureInfo.InvariantCulture));
            writer.WriteStringValue(r.Maximum?.ToString(CultureInfo.InvariantCulture));
            writer.WriteStringValue(r.ScreenRule);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteSeries(Utf8JsonWriter writer, SplitSeriesKey series)
    {
        writer.WriteStringValue(series.StationId);
        writer.WriteStringValue(series.SystemCode);
        writer.WriteStringValue(series.Command);
        writer.WriteNumberValue(series.PacketCount);
    }

    private static IngestRecord ReadRecord(JsonElement e)
    {
        var received = DateTimeOffset.FromUnixTimeMilliseconds(e.GetProperty("t").GetInt64()).ToOffset(TimeSpan.FromMinutes(e.GetProperty("o").GetInt32()));
        var packet = new RawPacket(received, "another node", e.GetProperty("s").GetString(), e.GetProperty("c").GetString(),
            (PacketVerdict)e.GetProperty("v").GetInt32(), null, []);
        Reading[] readings = [.. e.GetProperty("r").EnumerateArray().Select(ReadReading)];
        return new IngestRecord(packet, readings)
        {
            HoldsSplitPart = e.TryGetProperty("h", out JsonElement h) ? new SplitPartKey(ReadSeries(h), h[4].GetInt32()) : null,
            EndsSplitSeries = e.TryGetProperty("e", out JsonElement x) ? ReadSeries(x) : null,
            AssignsLogger = e.TryGetProperty("g", out JsonElement g) ? g.GetString() : null,
        };
    }

    private static SplitSeriesKey ReadSeries(JsonElement a) =>
        new(a[0].GetString()!, a[1].GetString()!, a[2].GetString()!, a[3].GetInt32());

    private static Reading ReadReading(JsonElement a) =>
        new(a[0].GetString()!, a[1].GetString()!, (ReadingKind)a[2].GetInt32(),
            DateTimeOffset.FromUnixTimeMilliseconds(a[3].GetInt64()).ToOffset(TimeSpan.FromMinutes(a[4].GetInt32())),
            Number(a[5])!.Value, (Unit)a[6].GetInt32(), a[7].GetString(), a[8].GetBoolean(), (ReadingMarks)a[9].GetInt32(), Number(a[10]), Number(a[11]))
        {
            ScreenRule = a[12].GetString(),
        };

    private static decimal? Number(JsonElement e) =>
        e.ValueKind == JsonValueKind.Null ? null : decimal.Parse(e.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
}
