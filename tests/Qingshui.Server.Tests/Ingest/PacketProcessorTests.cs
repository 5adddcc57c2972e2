using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Hj212;
using Qingshui.Server.Ingest;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Ingest;

/// <summary>
/// Plain data uploads are decided by <see cref="PlainUploadReader"/>, everything else by the full parse; whichever path a
/// packet takes, its record, readings, reply and route are the ones the full parse gives.
/// </summary>
public sealed class PacketProcessorTests
{
    private const string Mn2017 = "360300A00000000000000201";
    private const string Mn2005 = "36030000000101";

    // Uploads of the preset's 2017 and 2005 stations, with the variations stations send: every CN of a data upload,
    // with and without flags, Min/Max, repeated codes, fields without a code, unknown codes and suffixes, spaces, and
    // unknown header fields; one DataTime is far ahead of the clock (a reject).
    private static readonly string[] Segments =
    [
        $"QN=20240601090000001;ST=21;CN=2061;PW=jx0201;MN={Mn2017};Flag=5;CP=&&DataTime=20240601090000;w01010-Avg=21.4,w01010-Flag=N;w01001-Avg=7.52,w01001-Min=7.40,w01001-Max=7.61,w01001-Flag=N;w21003-Avg=0.420,w21003-Flag=D&&",
        $"QN=20240601090000002;ST=21;CN=2011;PW=jx0201;MN={Mn2017};Flag=5;CP=&&DataTime=20240601090500;w01009-Rtd=6.8,w01009-Flag=N;w01009-Avg=6.7;w99999-Rtd=1;w01018-SampleTime=20240601090000&&",
        $"QN=20240601090000003;ST=21;CN=2051;PW=jx0201;MN={Mn2017};Flag=4;CP=&&DataTime=20240601091000;w01003-Avg=12,w01003-Flag=N;w01003-Avg=13;w01014-Cou=120.5;w21011-Flag=T&&",
        $"QN=20240601090000004;ST=21;CN=2031;PW=jx0201;MN={Mn2017};Flag=5;Vendor=x;CP=&&DataTime=20240601000000;RtdInterval=30; w21001-Avg = 0.81 ,w21001-EFlag=A1;w01001-ZsAvg=7.1;w21011-Avg=0.05,w21011-Info=ok&&",
        $"QN=20240601090000005;ST=21;CN=2061;PW=jx0201;MN={Mn2017};Flag=5;CP=&&DataTime=20990601090000;w01010-Avg=21.4&&",
        $"ST=21;CN=2061;PW=px0101;MN={Mn2005};CP=&&DataTime=20240601090000;B01-Avg=3.5,B01-Flag=N;011-Avg=12.0;060-Avg=0.52,060-Flag=M&&",
        $"QN=20240601090000006;ST=32;CN=2011;PW=px0101;MN={Mn2005};Flag=0;CP=&&DataTime=20240601090000123;B01-Rtd=3.5;011-Rtd=12.0,011-Flag=0&&",
    ];

    private static readonly CrcVerdict[] Verdicts = [CrcVerdict.Hj212, CrcVerdict.Modbus, CrcVerdict.Unchecked];

    // What a one-byte slip can turn a field into: separators, signs, digits, letters, spaces and a non-ASCII byte.
    private static readonly byte[] Replacements = ";,=-&. 0917ANX\u00e9"u8.ToArray();

    [Fact]
    public async Task PlainUpload_TakesThePlainPath_WithTheFullParsesOutcome()
    {
        await using TestHost host = await TestHost.StartAsync();
        PacketProcessor processor = host.Server.Services.GetRequiredService<PacketProcessor>();
        foreach (string segment in Segments)
        {
            foreach (CrcVerdict verdict in Verdicts)
            {
                byte[] frame = FrameEncoder.Encode(segment);
                PacketOutcome plain = processor.Process(frame, DataRange(frame), verdict, "127.0.0.1:5000");

                // The plain path builds the message's header only.
                Assert.Same(DataArea.Empty, plain.Authenticated?.Data);
                AssertSame(processor.ProcessParsed(frame, DataRange(frame), verdict, "127.0.0.1:5000"), plain, segment);
            }
        }
    }

    [Fact]
    public async Task AnyOneByteChange_GivesTheFullParsesOutcome()
    {
        await using TestHost host = await TestHost.StartAsync();
        PacketProcessor processor = host.Server.Services.GetRequiredService<PacketProcessor>();
        int plainTaken = 0, compared = 0;
        foreach (string segment in Segments)
        {
            byte[] original = Encoding.UTF8.GetBytes(segment);
            for (int at = 0; at <= original.Length; at++)
            {
                foreach (byte[] changed in Changes(original, at))
                {
                    byte[] frame = FrameEncoder.Encode(changed);
                    PacketOutcome expected = processor.ProcessParsed(frame, DataRange(frame), CrcVerdict.Hj212, "127.0.0.1:5000");
                    PacketOutcome actual = processor.Process(frame, DataRange(frame), CrcVerdict.Hj212, "127.0.0.1:5000");
                    AssertSame(expected, actual, Encoding.UTF8.GetString(changed));
                    plainTaken += ReferenceEquals(actual.Authenticated?.Data, DataArea.Empty) && expected.Authenticated?.Data != DataArea.Empty ? 1 : 0;
                    compared++;
                }
            }
        }

        // Most changes still leave a plain upload (a digit of a value, a letter of a flag): both paths are exercised.
        Assert.InRange(plainTaken, compared / 4, compared);
    }

    [Fact]
    public async Task Upload_WhoseQnACommandAwaits_TakesTheFullParse()
    {
        await using TestHost host = await TestHost.StartAsync();
        PacketProcessor processor = host.Server.Services.GetRequiredService<PacketProcessor>();
        byte[] frame = FrameEncoder.Encode(Segments[0]);

        PacketOutcome outcome = processor.Process(frame, DataRange(frame), CrcVerdict.Hj212, "127.0.0.1:5000",
            qn => qn == "20240601090000001");

        // The command is handed the whole message, data area included.
        Assert.Equal(3, outcome.Authenticated?.Data.Pollutants.Count);
        AssertSame(processor.ProcessParsed(frame, DataRange(frame), CrcVerdict.Hj212, "127.0.0.1:5000"), outcome, Segments[0]);
    }

    private static IEnumerable<byte[]> Changes(byte[] original, int at)
    {
        if (at < original.Length)
        {
            yield return [.. original[..at], .. original[(at + 1)..]];
            foreach (byte replacement in Replacements)
            {
                if (replacement != original[at])
                {
                    byte[] changed = [.. original];
                    changed[at] = replacement;
                    yield return changed;
                }
            }
        }

        yield return [.. original[..at], (byte)';', .. original[at..]];
    }

    private static Range DataRange(byte[] frame)
    {
        int length = int.Parse(Encoding.ASCII.GetString(frame, 2, 4), CultureInfo.InvariantCulture);
        return new Range(Frame.HeaderLength, Frame.HeaderLength + length);
    }

    private static void AssertSame(PacketOutcome expected, PacketOutcome actual, string segment)
    {
        Assert.True(expected.Records.Count == actual.Records.Count, segment);
        for (int i = 0; i < expected.Records.Count; i++)
        {
            IngestRecord e = expected.Records[i], a = actual.Records[i];
            Assert.True(e.Packet with { ReceivedAt = default } == a.Packet with { ReceivedAt = default }, $"{segment}: {e.Packet.Reason} / {a.Packet.Reason}");
            Assert.True(e.HoldsSplitPart == a.HoldsSplitPart && e.EndsSplitSeries == a.EndsSplitSeries, segment);

            // Record text shows every field, decimals with the scale they were sent in.
            Assert.Equal(e.Readings.Select(r => r.ToString()), a.Readings.Select(r => r.ToString()));
        }

        Assert.Equal(expected.Replies.Select(Convert.ToHexString), actual.Replies.Select(Convert.ToHexString));
        Assert.Equal(Route(expected.Authenticated), Route(actual.Authenticated));
        Assert.Equal(expected.Announced, actual.Announced);
    }

    private static string? Route(Hj212Message? message) => message is null
        ? null
        : $"{message.RequestId}|{message.SystemCode}|{message.Command}|{message.Password}|{message.DeviceId}|{message.Flag}|{message.PacketCount}|{message.PacketNumber}";
}
