using System.Buffers;
using System.Globalization;

namespace Qingshui.Hj212;

/// <summary>
/// Finds HJ 212 frames in a byte stream by their length field (never by line breaks), checks their CRC, and
/// resynchronises on the next <c>##</c> after anything that is not a frame.
/// </summary>
/// <remarks>
/// <para>Reading is a pure function of the bytes buffered so far: each call returns one frame, one rejection or
/// "need more data", and the position up to which the input is consumed. Results do not depend on how the stream
/// was split into reads, except that a terminator arriving in a later read is reported as
/// <see cref="FrameTerminator.Pending"/>.</para>
/// <para>A frame starts at <c>##</c> followed by four decimal digits. Bytes before it are rejected as
/// <see cref="FrameErrorReason.UnexpectedBytes"/> (CR and LF between frames are skipped silently), in runs of at
/// most <see cref="FramingOptions.MaxUnexpectedRun"/> bytes. A declared length above the limit is rejected after the
/// six header bytes without buffering the body. When the CRC does not check out, the bytes up to the next frame
/// start inside the candidate (or the whole candidate) are rejected, so a good frame hidden behind a damaged one
/// is still found.</para>
/// </remarks>
public static class FrameReader
{
    /// <summary>Reads the next frame, rejection or nothing from <paramref name="buffer"/>.</summary>
    /// <param name="buffer">The bytes buffered so far.</param>
    /// <param name="isCompleted">No more bytes will follow: a partial frame is then rejected as truncated.</param>
    /// <param name="options">Limits and CRC tolerance.</param>
    /// <param name="frame">The frame, when the result is <see cref="FrameReadStatus.Frame"/>.</param>
    /// <param name="error">The rejection, when the result is <see cref="FrameReadStatus.Rejected"/>.</param>
    /// <param name="consumed">Where the input is consumed up to; pass the rest to the next call.</param>
    public static FrameReadStatus TryRead(
        in ReadOnlySequence<byte> buffer,
        bool isCompleted,
        FramingOptions options,
        out Frame frame,
        out FrameError error,
        out SequencePosition consumed)
    {
        ArgumentNullException.ThrowIfNull(options);
        ScanResult scan;
        if (buffer.IsSingleSegment)
        {
            scan = Scan(buffer.FirstSpan, isCompleted, options);
        }
        else
        {
            // A frame straddles segments: copy what the scan can need (bounded) into a rental.
            int take = (int)Math.Min(buffer.Length, options.MaxLookahead);
            byte[] rented = ArrayPool<byte>.Shared.Rent(take);
            try
            {
                buffer.Slice(0, take).CopyTo(rented);
                scan = Scan(rented.AsSpan(0, take), isCompleted && take == buffer.Length, options);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        consumed = buffer.GetPosition(scan.Consumed);
        switch (scan.Status)
        {
            case FrameReadStatus.Frame:
                frame = new Frame(
                    buffer.Slice(scan.Start + Frame.HeaderLength, scan.DataLength),
                    scan.Start, scan.Consumed - scan.Start, scan.Crc, scan.Verdict, scan.Terminator);
                error = default;
                break;
            case FrameReadStatus.Rejected:
                frame = default;
                error = new FrameError(scan.Reason, scan.Start, buffer.Slice(scan.Start, scan.ErrorLength), scan.Detail ?? "");
                break;
            default:
                frame = default;
                error = default;
                break;
        }

        return scan.Status;
    }

    /// <summary>
    /// Decodes one complete packet (for example one line of a capture file): it must be exactly one frame,
    /// optionally followed by CR LF, LF or CR.
    /// </summary>
    public static FrameReadStatus DecodePacket(ReadOnlySpan<byte> packet, FramingOptions options, out PacketError error, out Range dataSegment, out FrameTerminator terminator)
    {
        ArgumentNullException.ThrowIfNull(options);
        terminator = TerminatorOf(packet, out int bodyLength);
        ReadOnlySpan<byte> body = packet[..bodyLength];
        dataSegment = default;
        if (body.Length < Frame.HeaderLength + 4 || !IsFrameStart(body, 0))
        {
            error = new PacketError(FrameErrorReason.BadHeader, 0, "expected ## and four digits");
            return FrameReadStatus.Rejected;
        }

        int declared = ParseLength(body, 0);
        int actual = body.Length - Frame.HeaderLength - 4;
        if (declared > options.MaxDataLength)
        {
            error = new PacketError(FrameErrorReason.LengthExceedsLimit, 2,
                string.Create(CultureInfo.InvariantCulture, $"declared {declared}, limit {options.MaxDataLength}"));
            return FrameReadStatus.Rejected;
        }

        ReadOnlySpan<byte> crcField = body[^4..];
        if (!Crc.TryParseHex(crcField, out ushort given))
        {
            error = new PacketError(FrameErrorReason.BadCrcField, body.Length - 4,
                string.Create(CultureInfo.InvariantCulture, $"found '{ByteText.Escape(crcField)}'; length declared {declared}, actual {actual}"));
            return FrameReadStatus.Rejected;
        }

        ReadOnlySpan<byte> data = body.Slice(Frame.HeaderLength, actual);
        ushort computed = Crc.ComputeHj212(data);
        if (declared != actual)
        {
            error = new PacketError(FrameErrorReason.LengthMismatch, 2,
                string.Create(CultureInfo.InvariantCulture, $"declared {declared}, actual {actual}; CRC given {given:X4}, computed {computed:X4}"));
            return FrameReadStatus.Rejected;
        }

        if (given != computed && Tolerated(options, data, given) is null)
        {
            error = new PacketError(FrameErrorReason.CrcMismatch, body.Length - 4,
                string.Create(CultureInfo.InvariantCulture, $"given {given:X4}, computed {computed:X4}"));
            return FrameReadStatus.Rejected;
        }

        error = default;
        dataSegment = new Range(Frame.HeaderLength, Frame.HeaderLength + actual);
        return FrameReadStatus.Frame;
    }

    private static FrameTerminator TerminatorOf(ReadOnlySpan<byte> packet, out int bodyLength)
    {
        if (packet.EndsWith("\r\n"u8))
        {
            bodyLength = packet.Length - 2;
            return FrameTerminator.CrLf;
        }

        bodyLength = packet.Length - (packet.EndsWith("\n"u8) || packet.EndsWith("\r"u8) ? 1 : 0);
        return packet.EndsWith("\n"u8) ? FrameTerminator.Lf : packet.EndsWith("\r"u8) ? FrameTerminator.Cr : FrameTerminator.None;
    }

    private static ScanResult Scan(ReadOnlySpan<byte> s, bool isCompleted, FramingOptions options)
    {
        int start = 0;
        while (start < s.Length && s[start] is (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        if (start == s.Length)
        {
            return ScanResult.NeedMore(start);
        }

        int frameStart = FindFrameStart(s, start);
        if (frameStart != start)
        {
            return UnexpectedRun(s, start, frameStart, isCompleted, options);
        }

        return ReadFrameAt(s, start, isCompleted, options);
    }

    private static ScanResult UnexpectedRun(ReadOnlySpan<byte> s, int start, int frameStart, bool isCompleted, FramingOptions options)
    {
        int cap = options.MaxUnexpectedRun;
        if (frameStart > 0)
        {
            int end = Math.Min(frameStart, start + cap);
            return ScanResult.Reject(end, FrameErrorReason.UnexpectedBytes, start, end - start, null);
        }

        // No frame start yet. Report a full run only once no frame can start inside it, so the report
        // does not depend on where reads were split.
        if (s.Length - start >= cap + Frame.HeaderLength)
        {
            return ScanResult.Reject(start + cap, FrameErrorReason.UnexpectedBytes, start, cap, null);
        }

        return isCompleted
            ? ScanResult.Reject(s.Length, FrameErrorReason.UnexpectedBytes, start, s.Length - start, null)
            : ScanResult.NeedMore(start);
    }

    private static ScanResult ReadFrameAt(ReadOnlySpan<byte> s, int start, bool isCompleted, FramingOptions options)
    {
        int length = ParseLength(s, start);
        if (length > options.MaxDataLength)
        {
            return ScanResult.Reject(start + Frame.HeaderLength, FrameErrorReason.LengthExceedsLimit, start, Frame.HeaderLength,
                string.Create(CultureInfo.InvariantCulture, $"declared {length}, limit {options.MaxDataLength}"));
        }

        int crcAt = start + Frame.HeaderLength + length;
        int end = crcAt + 4;
        if (end > s.Length)
        {
            if (!isCompleted)
            {
                return ScanResult.NeedMore(start);
            }

            int next = FindFrameStart(s, start + 2);
            int stop = next > 0 ? next : s.Length;
            return ScanResult.Reject(stop, FrameErrorReason.Truncated, start, stop - start,
                string.Create(CultureInfo.InvariantCulture, $"declared {length}, only {stop - start - Frame.HeaderLength} bytes follow the header"));
        }

        ReadOnlySpan<byte> data = s.Slice(start + Frame.HeaderLength, length);
        if (!Crc.TryParseHex(s.Slice(crcAt, 4), out ushort given))
        {
            return RejectCandidate(s, start, end, isCompleted, FrameErrorReason.BadCrcField,
                $"found '{ByteText.Escape(s.Slice(crcAt, 4))}' after {length} declared bytes");
        }

        CrcVerdict verdict = CrcVerdict.Hj212;
        ushort computed = Crc.ComputeHj212(data);
        if (given != computed)
        {
            CrcVerdict? tolerated = Tolerated(options, data, given);
            if (tolerated is null)
            {
                return RejectCandidate(s, start, end, isCompleted, FrameErrorReason.CrcMismatch,
                    string.Create(CultureInfo.InvariantCulture, $"given {given:X4}, computed {computed:X4}"));
            }

            verdict = tolerated.Value;
        }

        return ReadTerminator(s, start, end, isCompleted, length, given, verdict);
    }

    private static ScanResult ReadTerminator(ReadOnlySpan<byte> s, int start, int end, bool isCompleted, int length, ushort crc, CrcVerdict verdict)
    {
        if (end == s.Length)
        {
            return ScanResult.Found(end, start, length, crc, verdict, isCompleted ? FrameTerminator.None : FrameTerminator.Pending);
        }

        if (s[end] == '\n')
        {
            return ScanResult.Found(end + 1, start, length, crc, verdict, FrameTerminator.Lf);
        }

        if (s[end] != '\r')
        {
            return ScanResult.Found(end, start, length, crc, verdict, FrameTerminator.None);
        }

        if (end + 1 == s.Length)
        {
            return isCompleted
                ? ScanResult.Found(end + 1, start, length, crc, verdict, FrameTerminator.Cr)
                : ScanResult.NeedMore(start);
        }

        return s[end + 1] == '\n'
            ? ScanResult.Found(end + 2, start, length, crc, verdict, FrameTerminator.CrLf)
            : ScanResult.Found(end + 1, start, length, crc, verdict, FrameTerminator.Cr);
    }

    // A damaged candidate is rejected up to the next frame start inside it (whose header may reach past the candidate),
    // so a good frame behind it survives.
    private static ScanResult RejectCandidate(ReadOnlySpan<byte> s, int start, int end, bool isCompleted, FrameErrorReason reason, string detail)
    {
        if (!isCompleted && s.Length < end + Frame.HeaderLength - 1)
        {
            // A frame header starting inside the candidate may not be fully buffered yet.
            return ScanResult.NeedMore(start);
        }

        int next = FindFrameStart(s, start + 2);
        int stop = next > 0 && next < end ? next : end;
        return ScanResult.Reject(stop, reason, start, stop - start, detail);
    }

    private static CrcVerdict? Tolerated(FramingOptions options, ReadOnlySpan<byte> data, ushort given)
    {
        if (options.CrcTolerance is null)
        {
            return null;
        }

        return options.CrcTolerance(data) switch
        {
            CrcTolerance.NoCheck => CrcVerdict.Unchecked,
            CrcTolerance.AcceptModbus when given == Crc.ComputeModbus(data) => CrcVerdict.Modbus,
            CrcTolerance.AcceptModbus when given == Crc.ComputeModbusByteSwapped(data) => CrcVerdict.ModbusByteSwapped,
            _ => null,
        };
    }

    /// <summary>
    /// The index of the first <c>##dddd</c> at or after <paramref name="from"/>; -1 when none is found but one may
    /// still start in the last five bytes once more data arrives (or none can); the caller treats both alike.
    /// </summary>
    private static int FindFrameStart(ReadOnlySpan<byte> s, int from)
    {
        int i = from;
        while (i < s.Length - 1)
        {
            int hit = s[i..].IndexOf("##"u8);
            if (hit < 0)
            {
                return -1;
            }

            i += hit;
            if (i + Frame.HeaderLength > s.Length)
            {
                return -1;
            }

            if (IsFrameStart(s, i))
            {
                return i;
            }

            i++;
        }

        return -1;
    }

    private static bool IsFrameStart(ReadOnlySpan<byte> s, int at) =>
        s[at] == '#' && s[at + 1] == '#' && IsDigit(s[at + 2]) && IsDigit(s[at + 3]) && IsDigit(s[at + 4]) && IsDigit(s[at + 5]);

    private static bool IsDigit(byte b) => unchecked((uint)(b - (byte)'0')) <= 9;

    private static int ParseLength(ReadOnlySpan<byte> s, int at) =>
        ((s[at + 2] - '0') * 1000) + ((s[at + 3] - '0') * 100) + ((s[at + 4] - '0') * 10) + (s[at + 5] - '0');

    private readonly record struct ScanResult(
        FrameReadStatus Status, int Consumed, int Start, int DataLength, ushort Crc, CrcVerdict Verdict,
        FrameTerminator Terminator, FrameErrorReason Reason, int ErrorLength, string? Detail)
    {
        public static ScanResult NeedMore(int consumed) =>
            new(FrameReadStatus.NeedMoreData, consumed, 0, 0, 0, default, default, default, 0, null);

        public static ScanResult Found(int consumed, int start, int length, ushort crc, CrcVerdict verdict, FrameTerminator terminator) =>
            new(FrameReadStatus.Frame, consumed, start, length, crc, verdict, terminator, default, 0, null);

        public static ScanResult Reject(int consumed, FrameErrorReason reason, int start, int length, string? detail) =>
            new(FrameReadStatus.Rejected, consumed, start, 0, 0, default, default, reason, length, detail);
    }
}
