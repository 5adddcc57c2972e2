using System.Buffers.Text;

namespace Qingshui.Hj212;

/// <summary>The header fields as they are read, before the message is built.</summary>
internal struct HeaderFields
{
    public string? RequestId;
    public string? SystemCode;
    public string? Command;
    public string? Password;
    public string? DeviceId;
    public int? Flag;
    public int? PacketCount;
    public int? PacketNumber;

    public MessageErrorReason? Set(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        switch (key)
        {
            case var _ when key.SequenceEqual("QN"u8):
                // QN differs in every packet: never cached.
                return SetText(ref RequestId, value, cache: false);
            case var _ when key.SequenceEqual("ST"u8):
                return SetText(ref SystemCode, value);
            case var _ when key.SequenceEqual("CN"u8):
                return value.Length == 4 && IsDigits(value) ? SetText(ref Command, value) : MessageErrorReason.InvalidField;
            case var _ when key.SequenceEqual("PW"u8):
                return SetText(ref Password, value);
            case var _ when key.SequenceEqual("MN"u8):
                return SetText(ref DeviceId, value);
            case var _ when key.SequenceEqual("Flag"u8):
                return SetNumber(ref Flag, value, 0, 255);
            case var _ when key.SequenceEqual("PNUM"u8):
                return SetNumber(ref PacketCount, value, 1, 9999);
            case var _ when key.SequenceEqual("PNO"u8):
                return SetNumber(ref PacketNumber, value, 1, 9999);
            default:
                // Unknown header fields (vendor additions) are ignored, as HJ 212 receivers commonly do.
                return null;
        }
    }

    public readonly MessageErrorReason? Validate()
    {
        if (SystemCode is null || Command is null || DeviceId is null)
        {
            return MessageErrorReason.MissingField;
        }

        if ((PacketCount is null) != (PacketNumber is null) || PacketNumber > PacketCount)
        {
            return MessageErrorReason.InvalidField;
        }

        return null;
    }

    private static MessageErrorReason? SetText(ref string? field, ReadOnlySpan<byte> value, bool cache = true)
    {
        if (field is not null)
        {
            return MessageErrorReason.DuplicateField;
        }

        field = cache ? TextCache.Get(value) : System.Text.Encoding.UTF8.GetString(value);
        return null;
    }

    private static MessageErrorReason? SetNumber(ref int? field, ReadOnlySpan<byte> value, int min, int max)
    {
        if (field is not null)
        {
            return MessageErrorReason.DuplicateField;
        }

        if (!IsDigits(value) || !Utf8Parser.TryParse(value, out int number, out int consumed) || consumed != value.Length || number < min || number > max)
        {
            return MessageErrorReason.InvalidField;
        }

        field = number;
        return null;
    }

    private static bool IsDigits(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return false;
        }

        foreach (byte b in value)
        {
            if (unchecked((uint)(b - (byte)'0')) > 9)
            {
                return false;
            }
        }

        return true;
    }
}
