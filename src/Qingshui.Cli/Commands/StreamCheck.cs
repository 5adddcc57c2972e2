using Qingshui.Hj212;

namespace Qingshui.Cli.Commands;

/// <summary>
/// Turns what a <see cref="FrameScanner"/> finds in a raw stream into packets for a <see cref="CheckReport"/>: each frame
/// is one valid packet; a damaged packet (rejected bytes that begin with a frame header) is one invalid packet however
/// many pieces the framing cut it into (a length that overshoots, then the rest as unexpected bytes); bytes between
/// packets that never began a frame (modem chatter, a fragment whose header was lost) are noise, not a packet.
/// </summary>
internal sealed class StreamCheck(CheckReport report)
{
    private long _index;
    private Run? _run;

    /// <summary>Reports everything the scanner can decide; with <paramref name="isCompleted"/>, also what is left.</summary>
    public void Drain(FrameScanner scanner, bool isCompleted)
    {
        while (scanner.TryNext(isCompleted, out ScannedSpan item))
        {
            if (item.IsFrame)
            {
                EndRun();
                report.WriteValid(++_index, item.Offset, item.DataSegment, item.Terminator);
            }
            else if (item.Reason != FrameErrorReason.UnexpectedBytes || _run is null)
            {
                // Every reason but unexpected bytes starts at a frame header: a packet begins here. The first piece
                // says why and where it went wrong; later pieces only extend it.
                EndRun();
                bool packet = item.Reason != FrameErrorReason.UnexpectedBytes;
                _run = new Run(packet, item.Offset, item.Raw.Length, item.Reason!.Value.ToString(), item.Detail ?? "", ByteText.Escape(item.Raw, 64));
            }
            else
            {
                _run.Length += item.Raw.Length;
            }
        }

        if (isCompleted)
        {
            EndRun();
        }
    }

    private void EndRun()
    {
        if (_run is not Run run)
        {
            return;
        }

        if (run.IsPacket)
        {
            report.WriteInvalid(++_index, run.Reason, run.Offset, run.Detail, run.Text);
        }
        else
        {
            report.WriteNoise(run.Offset, run.Length, run.Text);
        }

        _run = null;
    }

    private sealed class Run(bool isPacket, long offset, long length, string reason, string detail, string text)
    {
        public bool IsPacket { get; } = isPacket;

        public long Offset { get; } = offset;

        public long Length { get; set; } = length;

        public string Reason { get; } = reason;

        public string Detail { get; } = detail;

        public string Text { get; } = text;
    }
}
