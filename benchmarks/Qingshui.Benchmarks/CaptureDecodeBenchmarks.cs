using System.Buffers;
using BenchmarkDotNet.Attributes;
using Qingshui.Hj212;

namespace Qingshui.Benchmarks;

/// <summary>
/// Decoding the frames of one hourly file of the 2016 field capture (HJ/T 212-2005, 290 loggers, every station type),
/// per frame: the baseline is a plain CRC pass over the same data segments; "full decode" frames each packet, checks
/// its CRC, reads its header and turns every value of its data area into a decimal in storage of the caller's; the
/// parser builds the whole message object.
/// </summary>
[MemoryDiagnoser]
public class CaptureDecodeBenchmarks
{
    private byte[] _stream = [];
    private (int Start, int Length)[] _frames = [];
    private decimal[] _values = new decimal[256];

    /// <summary>Frames in the file, so each figure is per frame.</summary>
    public const int FrameCount = 9_127;

    [GlobalSetup]
    public void Setup()
    {
        _stream = CaptureFrames.Read("2016-08-24_10.h212.gz");
        _frames = CaptureFrames.Frames(_stream);
        if (_frames.Length != FrameCount)
        {
            throw new InvalidOperationException($"expected {FrameCount} frames, found {_frames.Length}");
        }
    }

    [Benchmark(Baseline = true, Description = "CRC of the data segment", OperationsPerInvoke = FrameCount)]
    public int CrcOnly()
    {
        int check = 0;
        foreach ((int start, int length) in _frames)
        {
            int dataLength = length - Frame.HeaderLength - 4 - TerminatorLength(start, length);
            check ^= Crc.ComputeHj212(_stream.AsSpan(start + Frame.HeaderLength, dataLength));
        }

        return check;
    }

    [Benchmark(Description = "full decode: frame + CRC + header + values", OperationsPerInvoke = FrameCount)]
    public int FullDecode()
    {
        int count = 0;
        decimal[] values = _values;
        foreach ((int start, int length) in _frames)
        {
            var sequence = new ReadOnlySequence<byte>(_stream, start, length);
            FrameReader.TryRead(sequence, true, FramingOptions.Default, out Frame frame, out _, out _);
            DataAreaReader.TryCreate(frame.DataSegment.FirstSpan, out ReadOnlySpan<byte> header, out DataAreaReader data);
            var fields = new HeaderFieldReader(header);
            while (fields.MoveNext())
            {
                count += fields.Value.Length;
            }

            int n = 0;
            foreach (DataItem item in data)
            {
                if (item.Kind == DataItemKind.Value && item.TryGetNumber(out decimal value) && n < values.Length)
                {
                    values[n++] = value;
                }
            }

            count += n;
        }

        return count;
    }

    [Benchmark(Description = "frame + CRC + MessageParser.Parse (message object)", OperationsPerInvoke = FrameCount)]
    public int Parse()
    {
        int count = 0;
        foreach ((int start, int length) in _frames)
        {
            var sequence = new ReadOnlySequence<byte>(_stream, start, length);
            FrameReader.TryRead(sequence, true, FramingOptions.Default, out Frame frame, out _, out _);
            count += MessageParser.Parse(frame.DataSegment.FirstSpan, MessageParseOptions.Default).Message!.Data.Pollutants.Count;
        }

        return count;
    }

    private int TerminatorLength(int start, int length)
    {
        int end = start + length;
        return _stream[end - 1] == '\n' ? (_stream[end - 2] == '\r' ? 2 : 1) : _stream[end - 1] == '\r' ? 1 : 0;
    }
}
