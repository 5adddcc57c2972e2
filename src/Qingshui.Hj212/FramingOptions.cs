namespace Qingshui.Hj212;

/// <summary>Decides the CRC tolerance for a frame whose HJ 212 CRC did not match, from its data segment (usually by its MN).</summary>
public delegate CrcTolerance CrcToleranceResolver(ReadOnlySpan<byte> dataSegment);

/// <summary>Limits and tolerances of the frame reader.</summary>
public sealed class FramingOptions
{
    /// <summary>The data-segment limit of HJ 212-2017 §6.3.1 (0 ≤ n ≤ 1024).</summary>
    public const int StandardMaxDataLength = 1024;

    /// <summary>The largest length the four-digit length field can declare.</summary>
    public const int AbsoluteMaxDataLength = 9999;

    /// <summary>Strict framing with the standard's limit and no CRC tolerance.</summary>
    public static FramingOptions Default { get; } = new();

    /// <summary>Creates options; <paramref name="maxDataLength"/> is clamped to what the length field can declare.</summary>
    public FramingOptions(int maxDataLength = StandardMaxDataLength, CrcToleranceResolver? crcTolerance = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDataLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDataLength, AbsoluteMaxDataLength);
        MaxDataLength = maxDataLength;
        CrcTolerance = crcTolerance;
    }

    /// <summary>Frames declaring a longer data segment are rejected without buffering their body.</summary>
    public int MaxDataLength { get; }

    /// <summary>Consulted only when the HJ 212 CRC does not match; <c>null</c> means strict for every frame.</summary>
    public CrcToleranceResolver? CrcTolerance { get; }

    /// <summary>Bytes that start no frame are reported in runs of at most this many bytes, so buffering stays bounded.</summary>
    public int MaxUnexpectedRun => MaxDataLength + Frame.Overhead;

    /// <summary>The most bytes the reader ever needs to look at to make progress.</summary>
    internal int MaxLookahead => MaxDataLength + Frame.Overhead + MaxUnexpectedRun + Frame.HeaderLength + 2;
}
