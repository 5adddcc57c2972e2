using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Qingshui.Hj212;

namespace Qingshui.Cli.Commands;

/// <summary>
/// Writes one JSON object per checked packet (one line each) and counts valid and invalid ones. Objects are written as
/// UTF-8 by one reused <see cref="Utf8JsonWriter"/> into one buffer, which <see cref="FlushAsync"/> hands to the output:
/// as bytes when the output is a stream, decoded only when it is a text writer.
/// </summary>
internal sealed class CheckReport : IDisposable
{
    // Flushed at this size so a long capture is written as it is read, not held.
    private const int FlushThreshold = 64 * 1024;
    private static readonly ValueSuffix[] Suffixes = Enum.GetValues<ValueSuffix>();

    private readonly MessageParseOptions _options;
    private readonly Stream? _stream;
    private readonly TextWriter _text;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);
    private readonly Utf8JsonWriter _json;
    private readonly ValueNames _names = new();

    public CheckReport(TextWriter text, Stream? stream, MessageParseOptions options)
    {
        _text = text;
        _stream = stream;
        _options = options;
        // Validation off: every object is opened and closed in this class, so it is well formed by construction.
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
    }

    public long Valid { get; private set; }

    public long Invalid { get; private set; }

    /// <summary>Runs of bytes between packets that never began a frame (stream mode only).</summary>
    public long NoiseRuns { get; private set; }

    public long NoiseBytes { get; private set; }

    public bool WantsFlush => _buffer.WrittenCount >= FlushThreshold;

    public void WriteValid(long index, long? offset, ReadOnlySpan<byte> dataSegment, FrameTerminator terminator)
    {
        Valid++;
        MessageParseResult parsed = MessageParser.Parse(dataSegment, _options);
        _json.WriteStartObject();
        _json.WriteNumber("index"u8, index);
        _json.WriteBoolean("valid"u8, true);
        _json.WriteNull("reason"u8);
        if (offset is long value)
        {
            _json.WriteNumber("offset"u8, value);
        }
        else
        {
            _json.WriteNull("offset"u8);
        }

        _json.WriteString("terminator"u8, TerminatorText(terminator));
        if (parsed.Success)
        {
            WriteMessage(parsed.Message);
        }
        else
        {
            _json.WriteString("messageError"u8, parsed.Error.ToString());
        }

        EndObject();
    }

    public void WriteInvalid(long index, string reason, long offset, string detail, string text)
    {
        Invalid++;
        _json.WriteStartObject();
        _json.WriteNumber("index"u8, index);
        _json.WriteBoolean("valid"u8, false);
        _json.WriteString("reason"u8, reason);
        _json.WriteNumber("offset"u8, offset);
        _json.WriteString("detail"u8, detail);
        _json.WriteString("text"u8, text);
        EndObject();
    }

    public void WriteNoise(long offset, long length, string text)
    {
        NoiseRuns++;
        NoiseBytes += length;
        _json.WriteStartObject();
        _json.WriteBoolean("noise"u8, true);
        _json.WriteNumber("offset"u8, offset);
        _json.WriteNumber("length"u8, length);
        _json.WriteString("text"u8, text);
        EndObject();
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_buffer.WrittenCount == 0)
        {
            return;
        }

        if (_stream is not null)
        {
            await _stream.WriteAsync(_buffer.WrittenMemory, cancellationToken);
        }
        else
        {
            await _text.WriteAsync(Encoding.UTF8.GetString(_buffer.WrittenSpan).AsMemory(), cancellationToken);
        }

        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
    }

    public void Dispose() => _json.Dispose();

    private void WriteMessage(Hj212Message message)
    {
        _json.WriteString("st"u8, message.SystemCode);
        _json.WriteString("cn"u8, message.Command);
        _json.WriteString("mn"u8, message.DeviceId);
        if (message.Data.DataTime is DateTimeOffset time)
        {
            Span<byte> text = stackalloc byte[40];
            _json.WriteString("dataTime"u8, IsoTime.Format(time, text));
        }
        else
        {
            _json.WriteString("dataTime"u8, message.Data.DataTimeText);
        }

        // Each value as WriteNumber would write it, by a fast path for instruments' values (WriteNumber's own decimal
        // formatting was most of what kept this command over twice the library's time).
        Span<byte> number = stackalloc byte[DecimalUtf8.MaxLength];
        _json.WriteStartObject("values"u8);
        foreach (PollutantData pollutant in message.Data.Pollutants)
        {
            JsonEncodedText[]? names = null;
            foreach (ValueSuffix suffix in Suffixes)
            {
                if (pollutant[suffix] is decimal value)
                {
                    names ??= _names.For(pollutant.Code);
                    if (DecimalUtf8.TryFormat(value, number, out int length))
                    {
                        _json.WritePropertyName(names[(int)suffix]);
                        _json.WriteRawValue(number[..length], skipInputValidation: true);
                    }
                    else
                    {
                        _json.WriteNumber(names[(int)suffix], value);
                    }
                }
            }
        }

        _json.WriteEndObject();
        if (message.Warnings.Count > 0)
        {
            _json.WriteStartArray("warnings"u8);
            foreach (MessageError warning in message.Warnings)
            {
                _json.WriteStringValue(warning.ToString());
            }

            _json.WriteEndArray();
        }
    }

    private void EndObject()
    {
        _json.WriteEndObject();
        _json.Flush();
        _buffer.Write("\n"u8);
        _json.Reset(_buffer);
    }

    private static string TerminatorText(FrameTerminator terminator) => terminator switch
    {
        FrameTerminator.CrLf => "CRLF",
        FrameTerminator.Lf => "LF",
        FrameTerminator.Cr => "CR",
        _ => "none",
    };
}
