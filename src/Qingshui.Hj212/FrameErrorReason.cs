namespace Qingshui.Hj212;

/// <summary>Why bytes on an HJ 212 link were not accepted as a frame.</summary>
public enum FrameErrorReason
{
    /// <summary>Bytes that do not start a frame (modem chatter, noise, the remains of a damaged frame) were skipped.</summary>
    UnexpectedBytes = 1,

    /// <summary>The packet does not begin with <c>##</c> followed by four decimal digits.</summary>
    BadHeader,

    /// <summary>The declared data-segment length exceeds the configured limit; the body was not buffered.</summary>
    LengthExceedsLimit,

    /// <summary>The declared length does not match the data segment actually present.</summary>
    LengthMismatch,

    /// <summary>The stream ended before the frame was complete.</summary>
    Truncated,

    /// <summary>The four bytes where the CRC belongs are not hexadecimal digits.</summary>
    BadCrcField,

    /// <summary>The CRC field does not match the CRC of the data segment.</summary>
    CrcMismatch,
}
