using System.Buffers;
using System.IO.Compression;
using Qingshui.Hj212;

namespace Qingshui.Benchmarks;

/// <summary>The 2016 field capture (shared/data/hj212/capture-2016-08-24, beside the repository), read for benchmarks.</summary>
internal static class CaptureFrames
{
    /// <summary>The decompressed bytes of one hourly capture file.</summary>
    public static byte[] Read(string file)
    {
        using var input = new GZipStream(File.OpenRead(Path.Combine(Folder(), file)), CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        input.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>Where each good frame lies in <paramref name="stream"/> (from its <c>##</c> through its terminator).</summary>
    public static (int Start, int Length)[] Frames(byte[] stream)
    {
        var frames = new List<(int, int)>();
        var sequence = new ReadOnlySequence<byte>(stream);
        long at = 0;
        while (FrameReader.TryRead(sequence, true, FramingOptions.Default, out Frame frame, out _, out SequencePosition consumed) is var status
            && status != FrameReadStatus.NeedMoreData)
        {
            if (status == FrameReadStatus.Frame)
            {
                frames.Add(((int)(at + frame.Offset), frame.Length));
            }

            at += sequence.Slice(0, consumed).Length;
            sequence = sequence.Slice(consumed);
        }

        return [.. frames];
    }

    /// <summary>The capture folder: <c>QINGSHUI_SHARED_DATA</c>, or <c>../shared/data</c> beside the repository.</summary>
    public static string Folder()
    {
        string? root = Environment.GetEnvironmentVariable("QINGSHUI_SHARED_DATA");
        if (string.IsNullOrEmpty(root))
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Qingshui.slnx")))
            {
                directory = directory.Parent;
            }

            root = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Qingshui.slnx not found"), "..", "shared", "data");
        }

        return Path.Combine(root, "hj212", "capture-2016-08-24");
    }
}
