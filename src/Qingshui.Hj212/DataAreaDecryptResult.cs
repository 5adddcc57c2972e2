using System.Diagnostics.CodeAnalysis;

namespace Qingshui.Hj212;

/// <summary>Either the data segment with its data area in clear, or why it does not decrypt; never both.</summary>
public readonly struct DataAreaDecryptResult
{
    private DataAreaDecryptResult(byte[]? segment, MessageError? error)
    {
        Segment = segment;
        Error = error;
    }

    /// <summary>The data segment with the data area decrypted, when it decrypted.</summary>
    public byte[]? Segment { get; }

    /// <summary>Why it did not decrypt (offset of the data area, and its text), when it failed.</summary>
    public MessageError? Error { get; }

    /// <summary>Whether the data area decrypted to text.</summary>
    [MemberNotNullWhen(true, nameof(Segment))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Segment is not null;

    internal static DataAreaDecryptResult Ok(byte[] segment) => new(segment, null);

    internal static DataAreaDecryptResult Fail(MessageError error) => new(null, error);
}
