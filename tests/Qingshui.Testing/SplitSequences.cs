using System.Buffers;

namespace Qingshui.Testing;

/// <summary>Builds multi-segment sequences, so parsing code is tested on input split at every byte.</summary>
public static class SplitSequences
{
    /// <summary>The whole input as one segment, then every two-way split of it.</summary>
    public static IEnumerable<ReadOnlySequence<byte>> AllTwoWaySplits(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        yield return new ReadOnlySequence<byte>(data);
        for (int split = 1; split < data.Length; split++)
        {
            yield return Create(data.AsMemory(0, split), data.AsMemory(split));
        }
    }

    /// <summary>Every way of delivering the input in two reads: the first read holds the first <c>k</c> bytes.</summary>
    public static IEnumerable<byte[][]> AllTwoReadDeliveries(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        yield return [data];
        for (int split = 1; split < data.Length; split++)
        {
            yield return [data[..split], data[split..]];
        }
    }

    /// <summary>A sequence made of the given segments.</summary>
    public static ReadOnlySequence<byte> Create(params ReadOnlyMemory<byte>[] segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(segments[0], 0);
        Segment last = first;
        for (int i = 1; i < segments.Length; i++)
        {
            last = last.Append(segments[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
