using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Qingshui.Hj212;

/// <summary>
/// Reads a data segment into a <see cref="Hj212Message"/>: the header fields separated by <c>;</c> in any order,
/// then the data area <c>CP=&amp;&amp;…&amp;&amp;</c> whose items are separated by <c>;</c> and <c>,</c>
/// (HJ 212-2017 §6.3.2–6.3.3).
/// </summary>
/// <remarks>
/// The message fails only when it cannot be trusted as a whole: no data area, a missing ST, CN or MN, an invalid
/// CN, Flag, PNUM or PNO, or a duplicated header field. A bad item inside the data area is skipped and reported in
/// <see cref="Hj212Message.Warnings"/>, so one bad value never sinks the others.
/// </remarks>
public static class MessageParser
{
    // Data flags are single letters (HJ 212-2017 Table 5): one string per ASCII character, made once.
    private static readonly string[] FlagText = Enumerable.Range(0, 128).Select(c => ((char)c).ToString()).ToArray();

    /// <summary>Parses a data segment.</summary>
    public static MessageParseResult Parse(ReadOnlySpan<byte> segment, MessageParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Checked first: no text read from the packet (MN, flags, codes, the reason itself) may carry a NUL into the store.
        int nul = FirstNulOutsideEchoedFields(segment);
        if (nul >= 0)
        {
            return MessageParseResult.Fail(MessageErrorReason.NulCharacter, nul, segment[nul..]);
        }

        int cp = FindDataArea(segment);
        if (cp < 0)
        {
            return MessageParseResult.Fail(MessageErrorReason.MissingDataArea, 0, segment);
        }

        int contentStart = cp + 5;
        if (segment.Length < contentStart + 2 || !segment.EndsWith("&&"u8))
        {
            return MessageParseResult.Fail(MessageErrorReason.MissingDataArea, cp, segment[cp..]);
        }

        var header = new HeaderFields();
        MessageParseResult? failure = ReadHeader(segment[..cp], ref header);
        if (failure is not null)
        {
            return failure.Value;
        }

        if (options.Cipher is not null && options.Edition is Hj212Edition keyed && EditionProfile.For(keyed).EncryptsDataArea(header.Command))
        {
            return ParseEncrypted(segment, options, in header, contentStart);
        }

        return Finish(segment, options, in header, contentStart);
    }

    // HJ 212-2025: the data area arrives as SM4 ciphertext, decrypted into a pooled buffer that lives while the message
    // is read (the message keeps strings, never the bytes); offsets in warnings then refer to the decrypted segment.
    private static MessageParseResult ParseEncrypted(ReadOnlySpan<byte> segment, MessageParseOptions options, in HeaderFields header, int contentStart)
    {
        byte[] clear = ArrayPool<byte>.Shared.Rent(segment.Length);
        int written = 0;
        try
        {
            MessageError? error = DataAreaEncryption.DecryptInto(segment, options.Cipher!, clear, out written);
            return error is null ? Finish(clear.AsSpan(0, written), options, in header, contentStart) : MessageParseResult.Fail(error);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(clear.AsSpan(0, Math.Max(written, segment.Length)));
            ArrayPool<byte>.Shared.Return(clear);
        }
    }

    private static MessageParseResult Finish(ReadOnlySpan<byte> segment, MessageParseOptions options, in HeaderFields header, int contentStart)
    {
        List<MessageError>? warnings = null;
        DataArea data = ReadDataArea(segment, contentStart, segment.Length - 2, options.UtcOffset, ref warnings);
        var message = new Hj212Message(
            header.RequestId, header.SystemCode!, header.Command!, header.Password, header.DeviceId!, header.Flag,
            header.PacketCount, header.PacketNumber, data, warnings);
        if (options.Edition is Hj212Edition edition)
        {
            warnings = EditionCheck.Check(message, EditionProfile.For(edition));
            if (warnings is not null)
            {
                message = new Hj212Message(
                    message.RequestId, message.SystemCode, message.Command, message.Password, message.DeviceId, message.Flag,
                    message.PacketCount, message.PacketNumber, data, [.. message.Warnings, .. warnings]);
            }
        }

        return MessageParseResult.Ok(message);
    }

    /// <summary>Finds the MN value without parsing the rest (to pick a station's policy before the CRC is accepted).</summary>
    public static bool TryPeekDeviceId(ReadOnlySpan<byte> segment, out ReadOnlySpan<byte> deviceId)
    {
        int cp = FindDataArea(segment);
        ReadOnlySpan<byte> header = cp >= 0 ? segment[..cp] : segment;
        while (!header.IsEmpty)
        {
            int end = header.IndexOf((byte)';');
            ReadOnlySpan<byte> field = end < 0 ? header : header[..end];
            if (field.StartsWith("MN="u8))
            {
                // An MN holding a NUL names no station (and must not reach a log or the store as text).
                deviceId = field[3..];
                return deviceId.IndexOf((byte)0) < 0;
            }

            header = end < 0 ? default : header[(end + 1)..];
        }

        deviceId = default;
        return false;
    }

    /// <summary>
    /// The offset of the first NUL byte, except in the QN and ST fields: field captures show loggers sending
    /// <c>ST=\0\0</c>, and those two are only echoed in replies, never kept as text. An ST is kept when the message is split
    /// (it names the series of parts), so there a NUL in it counts too.
    /// </summary>
    private static int FirstNulOutsideEchoedFields(ReadOnlySpan<byte> segment)
    {
        if (segment.IndexOf((byte)0) < 0)
        {
            return -1;
        }

        int cp = segment.IndexOf("CP=&&"u8);
        int headerEnd = cp < 0 ? segment.Length : cp;
        bool split = segment[..headerEnd].IndexOf("PNUM="u8) >= 0;
        int start = 0;
        while (start < headerEnd)
        {
            int length = segment[start..headerEnd].IndexOf((byte)';');
            int end = length < 0 ? headerEnd : start + length;
            ReadOnlySpan<byte> field = segment[start..end];
            int nul = field.IndexOf((byte)0);
            bool echoedOnly = field.StartsWith("QN="u8) || (field.StartsWith("ST="u8) && !split);
            if (nul >= 0 && !echoedOnly)
            {
                return start + nul;
            }

            start = end + 1;
        }

        int inData = headerEnd < segment.Length ? segment[headerEnd..].IndexOf((byte)0) : -1;
        return inData < 0 ? -1 : headerEnd + inData;
    }

    internal static int FindDataArea(ReadOnlySpan<byte> segment)
    {
        int from = 0;
        while (true)
        {
            int hit = segment[from..].IndexOf("CP=&&"u8);
            if (hit < 0)
            {
                return -1;
            }

            int at = from + hit;
            if (at == 0 || segment[at - 1] == ';')
            {
                return at;
            }

            from = at + 1;
        }
    }

    private static MessageParseResult? ReadHeader(ReadOnlySpan<byte> header, ref HeaderFields fields)
    {
        var reader = new HeaderFieldReader(header);
        while (reader.MoveNext())
        {
            if (reader.Key.IsEmpty)
            {
                return MessageParseResult.Fail(MessageErrorReason.MalformedField, reader.Offset, reader.Field);
            }

            MessageErrorReason? reason = fields.Set(reader.Key, reader.Value);
            if (reason is not null)
            {
                return MessageParseResult.Fail(reason.Value, reader.Offset, reader.Field);
            }
        }

        return fields.Validate() is MessageErrorReason missing
            ? MessageParseResult.Fail(missing, 0, header)
            : null;
    }

    private static DataArea ReadDataArea(ReadOnlySpan<byte> segment, int start, int end, TimeSpan utcOffset, ref List<MessageError>? warnings)
    {
        if (start == end)
        {
            return DataArea.Empty;
        }

        var pollutants = new List<PollutantData>(16);
        List<KeyValuePair<string, string>>? fields = null;
        string? dataTimeText = null;
        DateTimeOffset? dataTime = null;
        foreach (DataItem item in new DataAreaReader(segment, start, end))
        {
            switch (item.Kind)
            {
                case DataItemKind.Malformed:
                    Warn(ref warnings, MessageErrorReason.MalformedDataItem, item.Offset, item.Text);
                    break;
                case DataItemKind.DataTime:
                    dataTimeText = Encoding.ASCII.GetString(item.Value);
                    dataTime = Hj212Time.TryParse(item.Value, utcOffset, out DateTimeOffset time) ? time : null;
                    if (dataTime is null)
                    {
                        Warn(ref warnings, MessageErrorReason.InvalidTime, item.Offset, item.Text);
                    }

                    break;
                case DataItemKind.Field:
                    (fields ??= []).Add(new(TextCache.Get(item.Key), Encoding.UTF8.GetString(item.Value)));
                    break;
                default:
                    ReadPollutantItem(item, FindOrAdd(pollutants, item.Code), ref warnings);
                    break;
            }
        }

        return new DataArea(dataTimeText, dataTime, pollutants, (IReadOnlyList<KeyValuePair<string, string>>?)fields ?? []);
    }

    private static void ReadPollutantItem(DataItem item, PollutantData pollutant, ref List<MessageError>? warnings)
    {
        ReadOnlySpan<byte> value = item.Value;
        switch (item.Kind)
        {
            case DataItemKind.Value when item.TryGetNumber(out decimal number):
                pollutant.SetValue(item.ValueSuffix, number);
                break;
            case DataItemKind.Value:
                Warn(ref warnings, MessageErrorReason.InvalidNumber, item.Offset, item.Text);
                break;
            case DataItemKind.Flag:
                pollutant.Flag = value.Length == 1 && value[0] < 128 ? FlagText[value[0]] : TextCache.Get(value);
                break;
            case DataItemKind.ExtendedFlag:
                pollutant.ExtendedFlag = TextCache.Get(value);
                break;
            case DataItemKind.SampleTime:
                pollutant.SampleTime = Encoding.UTF8.GetString(value);
                break;
            default:
                pollutant.AddOther(TextCache.Get(item.Suffix), Encoding.UTF8.GetString(value));
                break;
        }
    }

    private static PollutantData FindOrAdd(List<PollutantData> pollutants, ReadOnlySpan<byte> code)
    {
        for (int i = pollutants.Count - 1; i >= 0; i--)
        {
            if (MatchesAscii(pollutants[i].Code, code))
            {
                return pollutants[i];
            }
        }

        var added = new PollutantData(TextCache.Get(code));
        pollutants.Add(added);
        return added;
    }

    private static bool MatchesAscii(string text, ReadOnlySpan<byte> bytes)
    {
        if (text.Length != bytes.Length)
        {
            return false;
        }

        for (int i = 0; i < bytes.Length; i++)
        {
            if (text[i] != bytes[i])
            {
                return false;
            }
        }

        return true;
    }

    private static void Warn(ref List<MessageError>? warnings, MessageErrorReason reason, int offset, ReadOnlySpan<byte> text) =>
        (warnings ??= []).Add(new MessageError(reason, offset, ByteText.Escape(text)));
}
