using System.Buffers;
using System.IO.Compression;
using System.Text;
using Qingshui.Testing;

namespace Qingshui.Hj212.Tests;

public sealed class DataAreaReaderTests
{
    private static readonly byte[] Segment = Encoding.ASCII.GetBytes(
        "QN=20240601090000001;ST=21;CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20240601080000;" +
        "w01001-Avg=7.520,w01001-Flag=N; w01009-ZsMax = -6.8 ;junk;w21003-Avg=x,w21003-EFlag=A1;w21003-SampleTime=20240601073000;" +
        "w21011-SN=12;RtdInterval=30;;&&");

    [Fact]
    public void MoveNext_EveryKindOfItem_IsSlicedAndClassified()
    {
        Assert.True(DataAreaReader.TryCreate(Segment, out ReadOnlySpan<byte> header, out DataAreaReader reader));
        var seen = new List<string>();
        foreach (DataItem item in reader)
        {
            string number = item.TryGetNumber(out decimal value) ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-";
            seen.Add($"{item.Kind}|{Ascii(item.Code)}|{Ascii(item.Suffix)}|{Ascii(item.Key)}|{Ascii(item.Value)}|{item.ValueSuffix}|{number}|{Ascii(item.Text)}");
        }

        Assert.EndsWith("Flag=5;", Ascii(header), StringComparison.Ordinal);
        Assert.Equal(
            [
                "DataTime|||DataTime|20240601080000|Rtd|20240601080000|DataTime=20240601080000",
                "Value|w01001|Avg|w01001-Avg|7.520|Avg|7.520|w01001-Avg=7.520",
                "Flag|w01001|Flag|w01001-Flag|N|Rtd|-|w01001-Flag=N",
                "Value|w01009|ZsMax|w01009-ZsMax|-6.8|ZsMax|-6.8|w01009-ZsMax = -6.8",
                "Malformed|||||Rtd|-|junk",
                "Value|w21003|Avg|w21003-Avg|x|Avg|-|w21003-Avg=x",
                "ExtendedFlag|w21003|EFlag|w21003-EFlag|A1|Rtd|-|w21003-EFlag=A1",
                "SampleTime|w21003|SampleTime|w21003-SampleTime|20240601073000|Rtd|20240601073000|w21003-SampleTime=20240601073000",
                "Other|w21011|SN|w21011-SN|12|Rtd|12|w21011-SN=12",
                "Field|||RtdInterval|30|Rtd|30|RtdInterval=30",
            ],
            seen);
    }

    [Fact]
    public void MoveNext_ItemOffsets_PointAtTheItemInTheSegment()
    {
        Assert.True(DataAreaReader.TryCreate(Segment, out _, out DataAreaReader reader));
        while (reader.MoveNext())
        {
            // The offset is where the item starts before its spaces are trimmed.
            Assert.StartsWith(Ascii(reader.Current.Text), Ascii(Segment.AsSpan(reader.Current.Offset)).TrimStart(' '), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("ST=21;CN=2061;MN=1")]
    [InlineData("ST=21;CN=2061;MN=1;CP=&&DataTime=20240601080000")]
    [InlineData("ST=21;CN=2061;MN=1;XCP=&&a=1&&")]
    public void TryCreate_NoClosedDataArea_IsFalse(string segment) =>
        Assert.False(DataAreaReader.TryCreate(Encoding.ASCII.GetBytes(segment), out _, out _));

    [Fact]
    public void HeaderFieldReader_Fields_AreKeysAndValuesWithOffsets()
    {
        var reader = new HeaderFieldReader("QN=1;;ST=21;bad;=x;CN=2011"u8);
        var seen = new List<string>();
        while (reader.MoveNext())
        {
            seen.Add($"{reader.Offset}:{Ascii(reader.Key)}={Ascii(reader.Value)}");
        }

        Assert.Equal(["0:QN=1", "6:ST=21", "12:=", "16:=", "19:CN=2011"], seen);
    }

    [Fact]
    public void Read_WholeCaptureFile_GivesTheParsersValuesExactlyWithoutAllocating()
    {
        // Given every frame of one hourly file of the field capture
        byte[] stream = ReadCapture("2016-08-24_10.h212.gz");
        List<Range> segments = Segments(stream);
        Assert.True(segments.Count > 8_000);

        // When the values are read through the reader into storage of the caller's, and again through the parser
        decimal[] sums = new decimal[segments.Count];
        SumValues(stream, segments, sums);
        long before = GC.GetAllocatedBytesForCurrentThread();
        SumValues(stream, segments, sums);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Then nothing was allocated, and each frame's values are exactly the parser's (decimal, scale kept)
        Assert.Equal(0, allocated);
        for (int i = 0; i < segments.Count; i++)
        {
            ReadOnlySpan<byte> segment = stream.AsSpan()[segments[i]];
            Hj212Message message = MessageParser.Parse(segment, MessageParseOptions.Default).Message!;
            string[] expected = [.. message.Data.Pollutants.SelectMany(p => p.Values.Select(v => $"{p.Code}-{v.Suffix}={v.Value}"))];
            Assert.Equal(expected, LastValues(segment));
        }

        Assert.True(sums.Sum() != 0m);
    }

    // What the parser keeps: one value per code and suffix (the last one sent), codes in order of first appearance.
    private static string[] LastValues(ReadOnlySpan<byte> segment)
    {
        var codes = new List<string>();
        var values = new Dictionary<(string, ValueSuffix), decimal>();
        Assert.True(DataAreaReader.TryCreate(segment, out _, out DataAreaReader reader));
        foreach (DataItem item in reader)
        {
            if (item.Kind is DataItemKind.DataTime or DataItemKind.Field or DataItemKind.Malformed)
            {
                continue;
            }

            string code = Ascii(item.Code);
            if (!codes.Contains(code))
            {
                codes.Add(code);
            }

            if (item.Kind == DataItemKind.Value && item.TryGetNumber(out decimal value))
            {
                values[(code, item.ValueSuffix)] = value;
            }
        }

        return [.. codes.SelectMany(c => values.Where(v => v.Key.Item1 == c).OrderBy(v => v.Key.Item2).Select(v => $"{c}-{v.Key.Item2}={v.Value}"))];
    }

    private static void SumValues(byte[] stream, List<Range> segments, decimal[] sums)
    {
        for (int i = 0; i < segments.Count; i++)
        {
            Assert.True(DataAreaReader.TryCreate(stream.AsSpan()[segments[i]], out _, out DataAreaReader reader));
            decimal sum = 0m;
            foreach (DataItem item in reader)
            {
                if (item.Kind == DataItemKind.Value && item.TryGetNumber(out decimal value))
                {
                    sum += value;
                }
            }

            sums[i] = sum;
        }
    }

    private static List<Range> Segments(byte[] stream)
    {
        var segments = new List<Range>();
        var sequence = new ReadOnlySequence<byte>(stream);
        long at = 0;
        while (true)
        {
            FrameReadStatus status = FrameReader.TryRead(sequence, true, FramingOptions.Default, out Frame frame, out _, out SequencePosition consumed);
            if (status == FrameReadStatus.NeedMoreData)
            {
                return segments;
            }

            if (status == FrameReadStatus.Frame)
            {
                int start = (int)(at + frame.Offset + Frame.HeaderLength);
                segments.Add(new Range(start, start + (int)frame.DataSegment.Length));
            }

            at += sequence.Slice(0, consumed).Length;
            sequence = sequence.Slice(consumed);
        }
    }

    internal static byte[] ReadCapture(string file)
    {
        using var input = new GZipStream(File.OpenRead(SharedData.PathOf("hj212", "capture-2016-08-24", file)), CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        input.CopyTo(bytes);
        return bytes.ToArray();
    }

    private static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);
}
