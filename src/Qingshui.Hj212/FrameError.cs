using System.Buffers;
using System.Globalization;

namespace Qingshui.Hj212;

/// <summary>Bytes that were rejected, with the reason, where they were and what they were.</summary>
public readonly struct FrameError
{
    internal FrameError(FrameErrorReason reason, long offset, ReadOnlySequence<byte> bytes, string detail)
    {
        Reason = reason;
        Offset = offset;
        Bytes = bytes;
        Detail = detail;
    }

    /// <summary>Why the bytes were rejected.</summary>
    public FrameErrorReason Reason { get; }

    /// <summary>Offset of the first rejected byte, relative to the start of the buffer that was read.</summary>
    public long Offset { get; }

    /// <summary>The rejected bytes; valid only until the reader's input is released.</summary>
    public ReadOnlySequence<byte> Bytes { get; }

    /// <summary>Specifics such as the declared and actual lengths or the given and computed CRC.</summary>
    public string Detail { get; }

    /// <summary>The rejected bytes, escaped and shortened for a report.</summary>
    public string OffendingText(int maxBytes = 96)
    {
        ReadOnlySequence<byte> bytes = Bytes;
        if (bytes.Length > maxBytes + 1)
        {
            bytes = bytes.Slice(0, maxBytes + 1);
        }

        return ByteText.Escape(bytes.IsSingleSegment ? bytes.FirstSpan : bytes.ToArray(), maxBytes);
    }

    /// <summary>One line: reason, offset, detail.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Hj212Messages.Describe(Reason)} at offset {Offset}: {Detail}");
}
