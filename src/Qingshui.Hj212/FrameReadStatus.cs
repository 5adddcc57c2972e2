namespace Qingshui.Hj212;

/// <summary>The outcome of one call to <see cref="FrameReader.TryRead"/>.</summary>
public enum FrameReadStatus
{
    /// <summary>Nothing complete yet; read more bytes and call again.</summary>
    NeedMoreData,

    /// <summary>A frame was read.</summary>
    Frame,

    /// <summary>Bytes were rejected; reading resumes after them.</summary>
    Rejected,
}
