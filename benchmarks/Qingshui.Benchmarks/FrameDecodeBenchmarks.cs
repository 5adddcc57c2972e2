using System.Buffers;
using BenchmarkDotNet.Attributes;
using Qingshui.Hj212;

namespace Qingshui.Benchmarks;

/// <summary>
/// Decoding one typical surface-water upload (an hourly 2061 frame with nine parameters, 400 bytes): framing with
/// CRC alone, and framing plus parsing into a message with its values; and the same upload as HJ 212-2025 with its
/// data area SM4-encrypted, decrypted (BouncyCastle's engine through the server's cipher) before it is parsed.
/// </summary>
[MemoryDiagnoser]
public class FrameDecodeBenchmarks
{
    private ReadOnlySequence<byte> _frame;
    private byte[] _dataSegment = [];
    private ReadOnlySequence<byte> _encryptedFrame;
    private MessageParseOptions _encrypted = MessageParseOptions.Default;
    private Qingshui.Server.Keys.Sm4DataAreaCipher _cipher = null!;
    private byte[] _blocks = [];

    [GlobalSetup]
    public void Setup()
    {
        string segment =
            "QN=20240601090000001;ST=21;CN=2061;PW=jx0201;MN=360300A00000000000000201;Flag=5;CP=&&DataTime=20240601080000;" +
            "w01010-Avg=24.6,w01010-Flag=N;w01001-Avg=7.52,w01001-Flag=N;w01009-Avg=6.81,w01009-Flag=N;w01014-Avg=256.3,w01014-Flag=N;" +
            "w01003-Avg=12.4,w01003-Flag=N;w01019-Avg=2.93,w01019-Flag=N;w21003-Avg=0.421,w21003-Flag=N;w21011-Avg=0.081,w21011-Flag=N;" +
            "w21001-Avg=1.52,w21001-Flag=N&&";
        byte[] frame = FrameEncoder.Encode(segment);
        _frame = new ReadOnlySequence<byte>(frame);
        _dataSegment = frame[Frame.HeaderLength..^6];
        var cipher = new Qingshui.Server.Keys.Sm4DataAreaCipher(Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210"));
        _encryptedFrame = new ReadOnlySequence<byte>(FrameEncoder.Encode(DataAreaEncryption.Encrypt(segment.Replace("Flag=5", "Flag=9", StringComparison.Ordinal), cipher)));
        _encrypted = new MessageParseOptions(Hj212Time.ChinaStandardOffset, Hj212Edition.Edition2025, cipher);
        _cipher = cipher;
        string text = segment[(segment.IndexOf("CP=&&", StringComparison.Ordinal) + 5)..^2];
        _blocks = new byte[(text.Length + 15) / 16 * 16];
        System.Text.Encoding.UTF8.GetBytes(text, _blocks);
    }

    [Benchmark(Description = "frame + CRC")]
    public long ReadFrame()
    {
        FrameReader.TryRead(_frame, false, FramingOptions.Default, out Frame frame, out _, out _);
        return frame.Length;
    }

    [Benchmark(Baseline = true, Description = "frame + CRC + message")]
    public int ReadAndParse()
    {
        FrameReader.TryRead(_frame, false, FramingOptions.Default, out Frame frame, out _, out _);
        MessageParseResult parsed = MessageParser.Parse(frame.DataSegment.FirstSpan, MessageParseOptions.Default);
        return parsed.Message!.Data.Pollutants.Count;
    }

    [Benchmark(Description = "frame + CRC + SM4 decrypt + message (HJ 212-2025)")]
    public int ReadDecryptAndParse()
    {
        FrameReader.TryRead(_encryptedFrame, false, FramingOptions.Default, out Frame frame, out _, out _);
        MessageParseResult parsed = MessageParser.Parse(frame.DataSegment.FirstSpan, _encrypted);
        return parsed.Message!.Data.Pollutants.Count;
    }

    // How much of the encrypted decode is the cipher itself: the same data area's blocks, decrypted in place.
    [Benchmark(Description = "SM4 decrypt of the data area's blocks alone")]
    public byte DecryptBlocks()
    {
        _cipher.Decrypt(_blocks, _blocks);
        return _blocks[0];
    }

    [Benchmark(Description = "CRC only")]
    public ushort Crc16() => Crc.ComputeHj212(_dataSegment);
}
