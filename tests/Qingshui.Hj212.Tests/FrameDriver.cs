using System.Buffers;
using System.Text;
using Qingshui.Testing;

namespace Qingshui.Hj212.Tests;

/// <summary>One outcome of reading a stream, with absolute offsets, comparable across different read splits.</summary>
internal sealed record ReadOutcome(FrameReadStatus Kind, long Offset, string Bytes, FrameTerminator Terminator, FrameErrorReason Reason, CrcVerdict Verdict);

/// <summary>Feeds chunks to <see cref="FrameReader"/> the way a pipe would (a multi-segment buffer that grows and is consumed).</summary>
internal static class FrameDriver
{
    public static List<ReadOutcome> ReadAll(byte[][] chunks, FramingOptions? options = null)
    {
        options ??= FramingOptions.Default;
        var outcomes = new List<ReadOutcome>();
        var segments = new List<ReadOnlyMemory<byte>>();
        long baseOffset = 0;
        int delivered = 0;
        int guard = 0;
        while (true)
        {
            bool completed = delivered == chunks.Length;
            ReadOnlySequence<byte> buffer = SplitSequences.Create([.. segments]);
            FrameReadStatus status = FrameReader.TryRead(buffer, completed, options, out Frame frame, out FrameError error, out SequencePosition consumed);
            Assert.True(++guard < 1_000_000, "reader made no progress");
            switch (status)
            {
                case FrameReadStatus.Frame:
                    outcomes.Add(new ReadOutcome(status, baseOffset + frame.Offset, Text(frame.DataSegment), frame.Terminator, default, frame.CrcVerdict));
                    break;
                case FrameReadStatus.Rejected:
                    outcomes.Add(new ReadOutcome(status, baseOffset + error.Offset, Text(error.Bytes), default, error.Reason, default));
                    break;
            }

            ReadOnlySequence<byte> rest = buffer.Slice(consumed);
            baseOffset += buffer.Length - rest.Length;
            segments = [.. Segments(rest)];
            if (status == FrameReadStatus.NeedMoreData)
            {
                if (completed)
                {
                    Assert.True(rest.IsEmpty, "completed stream left unconsumed bytes");
                    return outcomes;
                }

                segments.Add(chunks[delivered++]);
            }
        }
    }

    public static List<ReadOutcome> ReadAll(byte[] data, FramingOptions? options = null) => ReadAll([data], options);

    /// <summary>Reads every two-read delivery of the data and asserts each gives the same outcomes as one read.</summary>
    public static List<ReadOutcome> ReadSplitInvariant(byte[] data, FramingOptions? options = null)
    {
        List<ReadOutcome> whole = ReadAll(data, options);
        foreach (byte[][] delivery in SplitSequences.AllTwoReadDeliveries(data))
        {
            List<ReadOutcome> split = ReadAll(delivery, options);
            Assert.Equal(whole.Count, split.Count);
            for (int i = 0; i < whole.Count; i++)
            {
                // A terminator that arrives in the next read is reported as Pending (and skipped there).
                ReadOutcome expected = split[i].Terminator == FrameTerminator.Pending ? whole[i] with { Terminator = FrameTerminator.Pending } : whole[i];
                Assert.Equal(expected, split[i]);
            }
        }

        return whole;
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Segments(ReadOnlySequence<byte> sequence)
    {
        foreach (ReadOnlyMemory<byte> memory in sequence)
        {
            if (!memory.IsEmpty)
            {
                yield return memory;
            }
        }
    }

    private static string Text(ReadOnlySequence<byte> bytes) => Encoding.Latin1.GetString(bytes.ToArray());
}
