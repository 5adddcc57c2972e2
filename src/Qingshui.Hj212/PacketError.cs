namespace Qingshui.Hj212;

/// <summary>Why a single packet (for example one line of a capture) is not a valid frame, and where.</summary>
/// <param name="Reason">The reason code.</param>
/// <param name="Offset">Byte offset within the packet.</param>
/// <param name="Detail">Specifics such as declared and actual length, or given and computed CRC.</param>
public readonly record struct PacketError(FrameErrorReason Reason, int Offset, string Detail);
