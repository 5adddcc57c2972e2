namespace Qingshui.Hj212;

/// <summary>Why a data segment, or a part of it, could not be read.</summary>
public enum MessageErrorReason
{
    /// <summary>The data segment has no <c>CP=&amp;&amp;…&amp;&amp;</c> data area at its end.</summary>
    MissingDataArea = 1,

    /// <summary>A header field is not <c>name=value</c>.</summary>
    MalformedField,

    /// <summary>A header field appears twice.</summary>
    DuplicateField,

    /// <summary>A required header field (ST, CN or MN) is missing.</summary>
    MissingField,

    /// <summary>A header field's value is invalid (CN not four digits, Flag not 0–255, PNUM/PNO inconsistent).</summary>
    InvalidField,

    /// <summary>A data-area item is not <c>name=value</c>; the item is skipped.</summary>
    MalformedDataItem,

    /// <summary>A value that must be numeric is not; the value is skipped.</summary>
    InvalidNumber,

    /// <summary>A time is not <c>YYYYMMDDhhmmss</c> (optionally with milliseconds) or is not a real date.</summary>
    InvalidTime,

    /// <summary>The packet departs from the edition configured for its station (a warning, not a rejection).</summary>
    EditionMismatch,

    /// <summary>The data segment contains bytes that are not valid UTF-8.</summary>
    InvalidEncoding,

    /// <summary>An encrypted data area (HJ 212-2025) is not hexadecimal digits.</summary>
    CipherTextNotHex,

    /// <summary>An encrypted data area (HJ 212-2025) is not whole 16-byte blocks.</summary>
    CipherTextLength,

    /// <summary>An encrypted data area (HJ 212-2025) does not decrypt to text with the station's key: a wrong key, or a data area never encrypted.</summary>
    DecryptedNotText,

    /// <summary>
    /// The data segment holds a NUL byte (0x00) where its text is kept (anywhere but QN, and ST of an unsplit message):
    /// no text may hold one.
    /// </summary>
    NulCharacter,
}
