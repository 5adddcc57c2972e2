using System.Diagnostics;
using System.Globalization;
using Qingshui.Hj212;

namespace Qingshui.Benchmarks;

/// <summary>
/// The library side of <c>benchmarks/hj212-check.sh</c>: frames and parses every packet of a raw capture the way
/// <c>qingshui hj212 check --stream</c> does (FrameScanner, MessageParser), without writing anything.
/// </summary>
internal static class StreamDecode
{
    public static void Run(string path, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var scanner = new FrameScanner(FramingOptions.Default);
        long frames = 0, rejected = 0, values = 0;
        using FileStream input = File.OpenRead(path);
        int read;
        do
        {
            read = input.Read(scanner.GetMemory(64 * 1024).Span);
            scanner.Advance(read);
            while (scanner.TryNext(read == 0, out ScannedSpan item))
            {
                if (!item.IsFrame)
                {
                    rejected++;
                    continue;
                }

                frames++;
                MessageParseResult parsed = MessageParser.Parse(item.DataSegment, MessageParseOptions.Default);
                values += parsed.Success ? parsed.Message.Data.Pollutants.Count : 0;
            }
        }
        while (read > 0);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{frames} frames, {rejected} rejections, {values} pollutants in {clock.Elapsed.TotalSeconds:F3} s"));
    }
}
