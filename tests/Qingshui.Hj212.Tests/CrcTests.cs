using System.Text;

namespace Qingshui.Hj212.Tests;

public sealed class CrcTests
{
    // domain.md §3.5 worked examples: the standard's Appendix A frame, hutool, xiaoyao9184, and derived replies.
    [Theory]
    [InlineData("QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&", 101, 0x1C80)]
    [InlineData("QN=20160801085857223;ST=23;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20160801085857; LA-Rtd=50.1&&", 123, 0x1E00)]
    [InlineData("ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&DataTime=20160824003817000;B01-Rtd=36.91;011-Rtd=231.0,011-Flag=N;060-Rtd=1.803,060-Flag=N&&", 139, 0x4980)]
    [InlineData("ST=32;CN=2011;PW=000000;MN=LD130133000015;CP=&&DataTime=20160824003817;011-Rtd=231.0,011-Flag=N;B01-Rtd=36.91;060-Rtd=1.803,060-Flag=N&&", 136, 0x1DC0)]
    [InlineData("QN=20160801085857223;ST=91;CN=9011;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&QnRtn=1&&", 94, 0x1B00)]
    [InlineData("QN=20240601090000001;ST=21;CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20240601080000;w01001-Avg=7.52,w01001-Flag=N;w01009-Avg=6.8,w01009-Flag=N;w01019-Avg=2.9,w01019-Flag=N;w21003-Avg=0.42,w21003-Flag=N;w21011-Avg=0.081,w21011-Flag=N&&", 259, 0x1680)]
    [InlineData("QN=20240601090000001;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&", 87, 0xE981)]
    [InlineData("", 0, 0xFFFF)]
    public void ComputeHj212_WorkedExamples_MatchPublishedCrc(string segment, int length, int expected)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(segment);

        Assert.Equal(length, bytes.Length);
        Assert.Equal((ushort)expected, Crc.ComputeHj212(bytes));
    }

    [Fact]
    public void Compute_CheckString_GivesKnownCheckValues()
    {
        byte[] check = "123456789"u8.ToArray();

        Assert.Equal(0x2F80, Crc.ComputeHj212(check));
        Assert.Equal(0x4B37, Crc.ComputeModbus(check));
        Assert.Equal(0x374B, Crc.ComputeModbusByteSwapped(check));
    }

    [Fact]
    public void ComputeModbus_StandardExample_DiffersFromHj212()
    {
        // domain.md §3.5: MODBUS gives 0759 for example 1, so a MODBUS CRC must not pass as HJ 212.
        byte[] example = "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&"u8.ToArray();

        Assert.Equal(0x0759, Crc.ComputeModbus(example));
    }

    [Fact]
    public void ComputeHj212_TableDriven_EqualsTheStandardsBitLoop()
    {
        var random = new Random(212);
        for (int n = 0; n < 500; n++)
        {
            byte[] data = new byte[random.Next(0, 300)];
            random.NextBytes(data);

            Assert.Equal(BitLoop(data), Crc.ComputeHj212(data));
        }
    }

    [Theory]
    [InlineData("1C80", 0x1C80)]
    [InlineData("1c80", 0x1C80)]
    [InlineData("e981", 0xE981)]
    [InlineData("FFFF", 0xFFFF)]
    public void TryParseHex_EitherCase_Parses(string text, int expected)
    {
        Assert.True(Crc.TryParseHex(Encoding.ASCII.GetBytes(text), out ushort crc));
        Assert.Equal((ushort)expected, crc);
    }

    [Theory]
    [InlineData("1C8")]
    [InlineData("1C8G")]
    [InlineData("&&1C")]
    [InlineData(" 1C8")]
    public void TryParseHex_NotFourHexDigits_Fails(string text)
    {
        Assert.False(Crc.TryParseHex(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void WriteHex_WritesUpperCaseHighByteFirst()
    {
        byte[] text = new byte[4];

        Crc.WriteHex(0x1c80, text);

        Assert.Equal("1C80", Encoding.ASCII.GetString(text));
    }

    // The standard's own steps (HJ 212-2017 Appendix A), kept literal as the reference.
    private static ushort BitLoop(byte[] data)
    {
        int reg = 0xFFFF;
        foreach (byte b in data)
        {
            reg = (reg >> 8) ^ b;
            for (int i = 0; i < 8; i++)
            {
                bool lsb = (reg & 1) != 0;
                reg >>= 1;
                if (lsb)
                {
                    reg ^= 0xA001;
                }
            }
        }

        return (ushort)reg;
    }
}
