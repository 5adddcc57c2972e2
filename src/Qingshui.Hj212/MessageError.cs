using System.Globalization;

namespace Qingshui.Hj212;

/// <summary>A problem found while reading a data segment: the reason, the byte offset within the data segment, and the offending text.</summary>
/// <param name="Reason">The reason code.</param>
/// <param name="Offset">Byte offset within the data segment.</param>
/// <param name="Text">The offending text, escaped.</param>
public sealed record MessageError(MessageErrorReason Reason, int Offset, string Text)
{
    /// <summary>One line: reason, offset and text.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Hj212Messages.Describe(Reason)} at offset {Offset}: '{Text}'");
}
