namespace Qingshui.Hj212;

/// <summary>The texts of the codec's error reasons, kept in one place.</summary>
public static class Hj212Messages
{
    /// <summary>A short description of a framing error reason.</summary>
    public static string Describe(FrameErrorReason reason) => reason switch
    {
        FrameErrorReason.UnexpectedBytes => "bytes that start no frame were skipped",
        FrameErrorReason.BadHeader => "the packet does not start with ## and a four-digit length",
        FrameErrorReason.LengthExceedsLimit => "declared length exceeds the limit",
        FrameErrorReason.LengthMismatch => "declared length does not match the data segment",
        FrameErrorReason.Truncated => "the stream ended inside a frame",
        FrameErrorReason.BadCrcField => "the CRC field is not four hexadecimal digits",
        FrameErrorReason.CrcMismatch => "CRC mismatch",
        _ => reason.ToString(),
    };

    /// <summary>A short description of a message parse error reason.</summary>
    public static string Describe(MessageErrorReason reason) => reason switch
    {
        MessageErrorReason.MissingDataArea => "no CP=&&…&& data area",
        MessageErrorReason.MalformedField => "a header field is not name=value",
        MessageErrorReason.DuplicateField => "a header field appears twice",
        MessageErrorReason.MissingField => "a required header field is missing",
        MessageErrorReason.InvalidField => "a header field has an invalid value",
        MessageErrorReason.MalformedDataItem => "a data-area item is not name=value",
        MessageErrorReason.InvalidNumber => "a value is not a number",
        MessageErrorReason.InvalidTime => "a time is not a valid YYYYMMDDhhmmss[zzz]",
        MessageErrorReason.EditionMismatch => "the packet does not follow the station's configured edition",
        MessageErrorReason.InvalidEncoding => "the data segment is not valid UTF-8",
        MessageErrorReason.CipherTextNotHex => "the encrypted data area is not hexadecimal digits",
        MessageErrorReason.CipherTextLength => "the encrypted data area is not whole 16-byte SM4 blocks",
        MessageErrorReason.DecryptedNotText => "the data area does not decrypt to text with the station's key (wrong key, or not encrypted)",
        MessageErrorReason.NulCharacter => "the data segment holds a NUL byte (0x00) where text is kept",
        _ => reason.ToString(),
    };
}
