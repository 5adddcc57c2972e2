using System.Globalization;
using System.Text;
using System.Text.Json;
using Qingshui.Hj212;

namespace Qingshui.Cli.Commands;

/// <summary>Writes one JSON object per checked packet and counts valid and invalid ones.</summary>
internal sealed class CheckReport(TextWriter output, MessageParseOptions options)
{
    private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new();

    public long Valid { get; private set; }

    public long Invalid { get; private set; }

    public async Task ValidAsync(int index, long? offset, byte[] dataSegment, FrameTerminator terminator)
    {
        Valid++;
        MessageParseResult parsed = MessageParser.Parse(dataSegment, options);
        await WriteAsync(json =>
        {
            json.WriteNumber("index", index);
            json.WriteBoolean("valid", true);
            json.WriteNull("reason");
            WriteOffset(json, offset);
            json.WriteString("terminator", TerminatorText(terminator));
            if (!parsed.Success)
            {
                json.WriteString("messageError", parsed.Error.ToString());
                return;
            }

            Hj212Message message = parsed.Message;
            json.WriteString("st", message.SystemCode);
            json.WriteString("cn", message.Command);
            json.WriteString("mn", message.DeviceId);
            if (message.Data.DataTime is DateTimeOffset time)
            {
                json.WriteString("dataTime", time.ToString("yyyy-MM-ddTHH:mm:ss.FFFzzz", CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteString("dataTime", message.Data.DataTimeText);
            }

            json.WriteStartObject("values");
            foreach (PollutantData pollutant in message.Data.Pollutants)
            {
                foreach ((ValueSuffix suffix, decimal value) in pollutant.Values)
                {
                    json.WriteNumber($"{pollutant.Code}-{MessageWriter.SuffixText(suffix)}", value);
                }
            }

            json.WriteEndObject();
            if (message.Warnings.Count > 0)
            {
                json.WriteStartArray("warnings");
                foreach (MessageError warning in message.Warnings)
                {
                    json.WriteStringValue(warning.ToString());
                }

                json.WriteEndArray();
            }
        });
    }

    public async Task InvalidAsync(int index, string reason, long offset, string detail, string text)
    {
        Invalid++;
        await WriteAsync(json =>
        {
            json.WriteNumber("index", index);
            json.WriteBoolean("valid", false);
            json.WriteString("reason", reason);
            json.WriteNumber("offset", offset);
            json.WriteString("detail", detail);
            json.WriteString("text", text);
        });
    }

    private static void WriteOffset(Utf8JsonWriter json, long? offset)
    {
        if (offset is long value)
        {
            json.WriteNumber("offset", value);
        }
        else
        {
            json.WriteNull("offset");
        }
    }

    private static string TerminatorText(FrameTerminator terminator) => terminator switch
    {
        FrameTerminator.CrLf => "CRLF",
        FrameTerminator.Lf => "LF",
        FrameTerminator.Cr => "CR",
        _ => "none",
    };

    private async Task WriteAsync(Action<Utf8JsonWriter> body)
    {
        _buffer.ResetWrittenCount();
        await using (var json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        await output.WriteLineAsync(Encoding.UTF8.GetString(_buffer.WrittenSpan));
    }

}
