namespace Qingshui.Hj212;

/// <summary>What followed a frame's CRC field. The standard requires CR LF; the others are tolerated and recorded.</summary>
public enum FrameTerminator
{
    /// <summary>CR LF, as HJ 212-2017 §6.3.1 requires.</summary>
    CrLf,

    /// <summary>LF only.</summary>
    Lf,

    /// <summary>CR only, followed by something other than LF.</summary>
    Cr,

    /// <summary>No terminator: the next frame or the end of the stream followed the CRC.</summary>
    None,

    /// <summary>The buffered bytes ended right after the CRC; any terminator will arrive with the next read and is skipped there.</summary>
    Pending,
}
