using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Qingshui.Hj212;

/// <summary>
/// Push-based framing for callers that receive a stream in chunks and want owned results (capture files, tools):
/// append bytes, then take frames and rejections until none is left. Offsets are absolute within the stream.
/// </summary>
/// <remarks>The buffer never holds more than what <see cref="FrameReader"/> needs to decide, plus one chunk.</remarks>
public sealed class FrameScanner
{
    private readonly FramingOptions _options;
    private byte[] _buffer = new byte[4096];
    private int _start;
    private int _end;
    private long _position;

    /// <summary>Creates a scanner.</summary>
    public FrameScanner(FramingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Bytes buffered and not yet consumed.</summary>
    public int Buffered => _end - _start;

    /// <summary>Adds received bytes.</summary>
    public void Append(ReadOnlySpan<byte> chunk)
    {
        chunk.CopyTo(GetMemory(chunk.Length).Span);
        _end += chunk.Length;
    }

    /// <summary>
    /// Room for at least <paramref name="sizeHint"/> more bytes at the end of the buffer, to read into directly (no
    /// intermediate copy); say how many were written with <see cref="Advance"/>. Slices handed out earlier become invalid.
    /// </summary>
    public Memory<byte> GetMemory(int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        if (_end + sizeHint > _buffer.Length)
        {
            int live = _end - _start;
            byte[] target = live + sizeHint > _buffer.Length ? new byte[Math.Max(_buffer.Length * 2, live + sizeHint)] : _buffer;
            Buffer.BlockCopy(_buffer, _start, target, 0, live);
            _buffer = target;
            _start = 0;
            _end = live;
        }

        return _buffer.AsMemory(_end);
    }

    /// <summary>Counts <paramref name="count"/> bytes written into the memory from <see cref="GetMemory"/> as received.</summary>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _end);
        _end += count;
    }

    /// <summary>
    /// Takes the next frame or rejection as slices of the scanner's buffer, copying nothing; <c>false</c> when more
    /// bytes are needed (or, once completed, none are left). The slices are valid until the next <see cref="Append"/>.
    /// </summary>
    /// <param name="isCompleted">No more bytes will be appended.</param>
    /// <param name="item">The frame or rejection.</param>
    public bool TryNext(bool isCompleted, out ScannedSpan item)
    {
        while (true)
        {
            var sequence = new ReadOnlySequence<byte>(_buffer, _start, _end - _start);
            FrameReadStatus status = FrameReader.TryRead(sequence, isCompleted, _options, out Frame frame, out FrameError error, out SequencePosition consumed);
            int used = (int)sequence.Slice(0, consumed).Length;
            int start = _start;
            long position = _position;
            _start += used;
            _position += used;
            switch (status)
            {
                case FrameReadStatus.Frame:
                    int frameAt = start + (int)frame.Offset;
                    item = new ScannedSpan(
                        position + frame.Offset, _buffer.AsSpan(frameAt, frame.Length),
                        _buffer.AsSpan(frameAt + Frame.HeaderLength, (int)frame.DataSegment.Length), frame.Terminator, null, null);
                    return true;
                case FrameReadStatus.Rejected:
                    item = new ScannedSpan(
                        position + error.Offset, _buffer.AsSpan(start + (int)error.Offset, (int)error.Bytes.Length), default, default,
                        error.Reason, error.Detail);
                    return true;
            }

            if (used == 0 || _start == _end)
            {
                item = default;
                return false;
            }
        }
    }

    /// <summary>Takes the next frame or rejection; <c>false</c> when more bytes are needed (or, once completed, none are left).</summary>
    /// <param name="isCompleted">No more bytes will be appended.</param>
    /// <param name="item">The frame or rejection, with its own copy of the bytes.</param>
    public bool TryNext(bool isCompleted, [NotNullWhen(true)] out ScannedItem? item)
    {
        while (true)
        {
            var sequence = new ReadOnlySequence<byte>(_buffer, _start, _end - _start);
            FrameReadStatus status = FrameReader.TryRead(sequence, isCompleted, _options, out Frame frame, out FrameError error, out SequencePosition consumed);
            int used = (int)sequence.Slice(0, consumed).Length;
            item = status switch
            {
                FrameReadStatus.Frame => new ScannedItem(
                    _position + frame.Offset, _buffer.AsSpan(_start + (int)frame.Offset, frame.Length).ToArray(), frame.DataSegment.ToArray(),
                    frame.Crc, frame.CrcVerdict, frame.Terminator, null, null),
                FrameReadStatus.Rejected => new ScannedItem(
                    _position + error.Offset, error.Bytes.ToArray(), null, 0, default, default, error.Reason, error.Detail),
                _ => null,
            };
            _start += used;
            _position += used;
            if (item is not null)
            {
                return true;
            }

            if (used == 0 || _start == _end)
            {
                return false;
            }
        }
    }
}

/// <summary>A frame or a rejection taken from a <see cref="FrameScanner"/>.</summary>
/// <param name="Offset">Absolute offset of its first byte in the stream.</param>
/// <param name="Raw">The bytes as received (the whole frame, or the rejected bytes).</param>
/// <param name="DataSegment">The data segment of a frame; <c>null</c> for a rejection.</param>
/// <param name="Crc">The frame's CRC field.</param>
/// <param name="CrcVerdict">Which CRC the frame matched.</param>
/// <param name="Terminator">What followed the frame's CRC.</param>
/// <param name="Reason">Why the bytes were rejected; <c>null</c> for a frame.</param>
/// <param name="Detail">Specifics of the rejection.</param>
public sealed record ScannedItem(
    long Offset, byte[] Raw, byte[]? DataSegment, ushort Crc, CrcVerdict CrcVerdict, FrameTerminator Terminator,
    FrameErrorReason? Reason, string? Detail)
{
    /// <summary>Whether this is a frame.</summary>
    public bool IsFrame => DataSegment is not null;
}

/// <summary>A frame or a rejection taken from a <see cref="FrameScanner"/> without copying: slices of its buffer.</summary>
public readonly ref struct ScannedSpan
{
    internal ScannedSpan(long offset, ReadOnlySpan<byte> raw, ReadOnlySpan<byte> dataSegment, FrameTerminator terminator, FrameErrorReason? reason, string? detail)
    {
        Offset = offset;
        Raw = raw;
        DataSegment = dataSegment;
        Terminator = terminator;
        Reason = reason;
        Detail = detail;
    }

    /// <summary>Absolute offset of its first byte in the stream.</summary>
    public long Offset { get; }

    /// <summary>The bytes as received (the whole frame, or the rejected bytes).</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>The data segment of a frame; empty for a rejection.</summary>
    public ReadOnlySpan<byte> DataSegment { get; }

    /// <summary>What followed the frame's CRC.</summary>
    public FrameTerminator Terminator { get; }

    /// <summary>Why the bytes were rejected; <c>null</c> for a frame.</summary>
    public FrameErrorReason? Reason { get; }

    /// <summary>Specifics of the rejection.</summary>
    public string? Detail { get; }

    /// <summary>Whether this is a frame.</summary>
    public bool IsFrame => Reason is null;
}
