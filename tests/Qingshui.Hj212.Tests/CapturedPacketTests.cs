using System.IO.Compression;
using Qingshui.Testing;

namespace Qingshui.Hj212.Tests;

/// <summary>Real packets from public code and a real field capture (shared/data/hj212), judged as MANIFEST.tsv judges them.</summary>
public sealed class CapturedPacketTests
{
    [Theory]
    [MemberData(nameof(PacketCorpus.FileData), MemberType = typeof(PacketCorpus))]
    public void DecodePacket_EveryLine_MatchesManifestVerdict(string file)
    {
        string[] verdicts = PacketCorpus.Verdicts(file);
        string[] lines = File.ReadAllLines(SharedData.PathOf("hj212", file));

        Assert.Equal(verdicts.Length, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            Assert.True(ByteText.TryUnescape(lines[i], out byte[] packet, out _), $"line {i + 1} does not unescape");
            FrameReadStatus status = FrameReader.DecodePacket(packet, FramingOptions.Default, out PacketError error, out Range data, out _);
            string verdict = status == FrameReadStatus.Frame ? "VALID" : "INVALID";
            Assert.True(verdicts[i] == verdict, $"{file} line {i + 1}: expected {verdicts[i]}, got {verdict} ({error.Reason}: {error.Detail})");
            if (status == FrameReadStatus.Frame)
            {
                // Every valid packet also reads as a message (its header and data area are well formed).
                MessageParseResult message = MessageParser.Parse(packet.AsSpan()[data], MessageParseOptions.Default);
                Assert.True(message.Success, $"{file} line {i + 1}: {message.Error}");
            }
        }
    }

    [Fact]
    public void TryRead_WholeFieldCapture_FindsEveryGoodFrameAndReportsTheRest()
    {
        int frames = 0;
        var rejections = new Dictionary<FrameErrorReason, int>();
        byte[] chunk = new byte[8192];
        foreach (string file in Directory.GetFiles(SharedData.PathOf("hj212", "capture-2016-08-24"), "*.h212.gz").Order(StringComparer.Ordinal))
        {
            // Each hourly file is a stream of its own.
            var scanner = new FrameScanner(FramingOptions.Default);
            using var input = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            int read;
            while ((read = input.Read(chunk)) > 0)
            {
                scanner.Append(chunk.AsSpan(0, read));
                Drain(scanner, false, ref frames, rejections);
            }

            Drain(scanner, true, ref frames, rejections);
            Assert.Equal(0, scanner.Buffered);
        }

        // 190,352 packets that arrived clean plus 13 good frames followed by modem noise.
        Assert.Equal(190_365, frames);
        Assert.True(rejections.Values.Sum() >= 85 - 13, $"rejections: {string.Join(", ", rejections)}");
    }

    private static void Drain(FrameScanner scanner, bool completed, ref int frames, Dictionary<FrameErrorReason, int> rejections)
    {
        while (scanner.TryNext(completed, out ScannedItem? item))
        {
            if (item.IsFrame)
            {
                frames++;
            }
            else
            {
                rejections[item.Reason!.Value] = rejections.GetValueOrDefault(item.Reason.Value) + 1;
            }
        }
    }
}
