using System.Buffers;

namespace Qingshui.Hj212;

/// <summary>
/// A well-formed HJ 212 frame: <c>##</c>, a four-digit length, the data segment, a CRC that checks out
/// (or is tolerated), and the terminator that followed it.
/// </summary>
/// <remarks>
/// <see cref="DataSegment"/> is a slice of the reader's input and is valid only until that input is released.
/// </remarks>
public readonly struct Frame
{
    /// <summary>Bytes of <c>##</c> plus the four-digit length.</summary>
    public const int HeaderLength = 6;

    /// <summary>Header plus CRC field plus CR LF.</summary>
    public const int Overhead = HeaderLength + 4 + 2;

    internal Frame(ReadOnlySequence<byte> dataSegment, long offset, int length, ushort crc, CrcVerdict crcVerdict, FrameTerminator terminator)
    {
        DataSegment = dataSegment;
        Offset = offset;
        Length = length;
        Crc = crc;
        CrcVerdict = crcVerdict;
        Terminator = terminator;
    }

    /// <summary>The data segment (from <c>QN=</c> or <c>ST=</c> up to the closing <c>&amp;&amp;</c>).</summary>
    public ReadOnlySequence<byte> DataSegment { get; }

    /// <summary>Offset of the leading <c>##</c>, relative to the start of the buffer that was read.</summary>
    public long Offset { get; }

    /// <summary>Bytes the frame occupies, terminator included.</summary>
    public int Length { get; }

    /// <summary>The CRC written in the frame.</summary>
    public ushort Crc { get; }

    /// <summary>Which algorithm the CRC matched.</summary>
    public CrcVerdict CrcVerdict { get; }

    /// <summary>What followed the CRC.</summary>
    public FrameTerminator Terminator { get; }
}
