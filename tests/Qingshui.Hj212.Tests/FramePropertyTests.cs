using System.Globalization;
using System.Text;
using CsCheck;

namespace Qingshui.Hj212.Tests;

/// <summary>Random valid frames round-trip; random mutations never crash, never hang and never pass a wrong CRC.</summary>
public sealed class FramePropertyTests
{
    private static readonly Gen<string> Code = OneOf("w01001", "w01009", "w01019", "w21003", "w21011", "w21001", "011", "060", "B01");

    private static readonly Gen<decimal> Value = Gen.Int[-99999, 999999].Select(Gen.Int[0, 4], (n, scale) => new decimal(Math.Abs(n), 0, 0, n < 0, (byte)scale));

    private static readonly Gen<Hj212Message> Message =
        Gen.Select(
            Gen.Long[20000101000000000, 20991231235959999].Select(Gen.Int[0, 4], (n, k) => k == 0 ? null : n.ToString(CultureInfo.InvariantCulture)),
            OneOf("21", "32", "91"),
            OneOf("2011", "2051", "2061", "2031"),
            Gen.String[Gen.Char.AlphaNumeric, 1, 24],
            Gen.Int[-50, 255].Select(f => f < 0 ? (int?)null : f),
            Gen.Select(Code, Value, OneOf("N", "F", "M", "D")).Array[0, 12],
            Gen.DateTime[new DateTime(2000, 1, 1), new DateTime(2099, 1, 1)])
        .Select((qn, st, cn, mn, flag, values, time) =>
        {
            var pollutants = new List<PollutantData>();
            foreach ((string code, decimal value, string dataFlag) in values)
            {
                if (pollutants.Exists(p => p.Code == code))
                {
                    continue;
                }

                pollutants.Add(new PollutantData(code) { Flag = dataFlag }.SetValue(ValueSuffix.Avg, value));
            }

            var dataTime = new DateTimeOffset(time.Year, time.Month, time.Day, time.Hour, time.Minute, time.Second, TimeSpan.FromHours(8));
            return new Hj212Message(qn, st, cn, "123456", mn, flag, null, null, DataArea.Create(dataTime, pollutants));
        });

    private static Gen<T> OneOf<T>(params T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    [Fact]
    public void Encode_ThenRead_RoundTrips()
    {
        Message.Sample(message =>
        {
            string segment = MessageWriter.Write(message);
            byte[] frame = FrameEncoder.Encode(segment);

            ReadOutcome outcome = Assert.Single(FrameDriver.ReadAll(frame));
            Assert.Equal(FrameReadStatus.Frame, outcome.Kind);
            Assert.Equal(segment, outcome.Bytes);
            MessageParseResult parsed = MessageParser.Parse(Encoding.ASCII.GetBytes(outcome.Bytes), MessageParseOptions.Default);
            Assert.True(parsed.Success, parsed.Error?.ToString());
            Assert.Equal(segment, MessageWriter.Write(parsed.Message));
            Assert.Equal(message.Data.DataTime, parsed.Message.Data.DataTime);
        }, iter: 2000);
    }

    [Fact]
    public void Read_RandomMutations_NeverCrashNeverHangNeverAcceptAWrongCrc()
    {
        Gen.Select(Message, Gen.Int[1, 4], Gen.Int.Array[4], Gen.Byte.Array[4]).Sample((message, mutations, positions, bytes) =>
        {
            byte[] original = FrameEncoder.Encode(MessageWriter.Write(message));
            byte[] mutated = (byte[])original.Clone();
            for (int i = 0; i < mutations; i++)
            {
                mutated[(int)((uint)positions[i] % (uint)mutated.Length)] = bytes[i];
            }

            byte[] stream = [.. mutated, .. original];
            List<ReadOutcome> outcomes = FrameDriver.ReadAll(stream);

            AssertEveryFrameChecksOut(stream, outcomes);

            // The intact copy after the mutated one is always found.
            Assert.Contains(outcomes, o => o.Kind == FrameReadStatus.Frame && o.Offset == mutated.Length);
        }, iter: 3000);
    }

    [Fact]
    public void Read_RandomBytes_NeverAcceptAWrongCrc()
    {
        Gen.Select(Gen.Byte.Array[0, 600], Gen.Bool).Sample((noise, withHeader) =>
        {
            byte[] stream = withHeader ? [.. "##0030"u8, .. noise] : noise;
            AssertEveryFrameChecksOut(stream, FrameDriver.ReadAll(stream));
        }, iter: 3000);
    }

    private static void AssertEveryFrameChecksOut(byte[] stream, List<ReadOutcome> outcomes)
    {
        long previous = -1;
        foreach (ReadOutcome outcome in outcomes)
        {
            Assert.True(outcome.Offset > previous, "outcomes must move forward");
            previous = outcome.Offset;
            if (outcome.Kind != FrameReadStatus.Frame)
            {
                continue;
            }

            byte[] data = Encoding.Latin1.GetBytes(outcome.Bytes);
            int crcAt = (int)outcome.Offset + Frame.HeaderLength + data.Length;
            Assert.True(Crc.TryParseHex(stream.AsSpan(crcAt, 4), out ushort given));
            Assert.Equal(Crc.ComputeHj212(data), given);
            _ = MessageParser.Parse(data, MessageParseOptions.Default);
        }
    }
}
