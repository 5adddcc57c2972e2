using System.Globalization;
using System.Text;

namespace Qingshui.Hj212;

/// <summary>Wraps a data segment into a frame: <c>##</c>, the four-digit byte length, the data, the CRC and CR LF.</summary>
public static class FrameEncoder
{
    /// <summary>Frames a data segment given as text (UTF-8 on the wire; the length counts bytes).</summary>
    public static byte[] Encode(string dataSegment, CrcAlgorithm crc = CrcAlgorithm.Hj212)
    {
        ArgumentNullException.ThrowIfNull(dataSegment);
        return Encode(Encoding.UTF8.GetBytes(dataSegment), crc);
    }

    /// <summary>Frames a data segment.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> dataSegment, CrcAlgorithm crc = CrcAlgorithm.Hj212)
    {
        var frame = new byte[dataSegment.Length + Frame.Overhead];
        Encode(dataSegment, frame, crc);
        return frame;
    }

    /// <summary>Frames a data segment into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Encode(ReadOnlySpan<byte> dataSegment, Span<byte> destination, CrcAlgorithm crc = CrcAlgorithm.Hj212)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dataSegment.Length, FramingOptions.AbsoluteMaxDataLength);
        int total = dataSegment.Length + Frame.Overhead;
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, total);
        destination[0] = (byte)'#';
        destination[1] = (byte)'#';
        dataSegment.Length.TryFormat(destination.Slice(2, 4), out _, "D4", CultureInfo.InvariantCulture);
        dataSegment.CopyTo(destination[Frame.HeaderLength..]);
        int crcAt = Frame.HeaderLength + dataSegment.Length;
        Crc.WriteHex(Crc.Compute(crc, dataSegment), destination.Slice(crcAt, 4));
        destination[crcAt + 4] = (byte)'\r';
        destination[crcAt + 5] = (byte)'\n';
        return total;
    }
}
