using System.Text;

namespace Qingshui.Hj212.Tests;

public sealed class MessageParserTests
{
    private const string SurfaceWaterHourly =
        "QN=20240601090000001;ST=21;CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20240601080000;" +
        "w01001-Avg=7.52,w01001-Flag=N;w01009-Avg=6.8,w01009-Flag=N;w01019-Avg=2.9,w01019-Flag=N;w21003-Avg=0.42,w21003-Flag=N;w21011-Avg=0.081,w21011-Flag=N&&";

    private static MessageParseResult Parse(string segment, MessageParseOptions? options = null) =>
        MessageParser.Parse(Encoding.UTF8.GetBytes(segment), options ?? MessageParseOptions.Default);

    [Theory]
    [InlineData("w01001-Flag=N", "w01001-Flag=N\0")]
    [InlineData("MN=010000A8900016F000169DC0", "MN=010000A89000\016F000169DC0")]
    [InlineData("w21011-Avg", "w21\0011-Avg")]
    public void Parse_NulByteAnywhere_IsRejectedWithItsOffset_AndTheTextEscaped(string field, string withNul)
    {
        string segment = SurfaceWaterHourly.Replace(field, withNul, StringComparison.Ordinal);

        MessageParseResult result = Parse(segment);

        Assert.False(result.Success);
        Assert.Equal((MessageErrorReason.NulCharacter, segment.IndexOf('\0', StringComparison.Ordinal)), (result.Error.Reason, result.Error.Offset));
        Assert.StartsWith("\\x00", result.Error.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', result.Error.Text);
    }

    [Theory]
    [InlineData("QN=20240601090000001", "QN=\0\0")]
    [InlineData("ST=21", "ST=\0\0")]
    public void Parse_NulBytesInQnOrStOnly_AsLoggersInTheFieldSend_IsRead(string field, string withNul)
    {
        MessageParseResult result = Parse(SurfaceWaterHourly.Replace(field, withNul, StringComparison.Ordinal));

        Assert.True(result.Success);
        Assert.Equal("010000A8900016F000169DC0", result.Message.DeviceId);
    }

    [Fact]
    public void Parse_NulInTheStOfASplitMessage_IsRejected_ItNamesTheSeriesOfParts()
    {
        MessageParseResult result = Parse(SurfaceWaterHourly.Replace("ST=21;", "ST=\0\0;", StringComparison.Ordinal)
            .Replace("Flag=5;", "Flag=5;PNUM=2;PNO=1;", StringComparison.Ordinal));

        Assert.Equal((MessageErrorReason.NulCharacter, 24), (result.Error?.Reason, result.Error?.Offset));
    }

    [Fact]
    public void TryPeekDeviceId_MnHoldingANul_NamesNoStation()
    {
        byte[] segment = Encoding.UTF8.GetBytes(SurfaceWaterHourly.Replace("MN=010000A8900016F", "MN=010000A89\00016F", StringComparison.Ordinal));

        Assert.False(MessageParser.TryPeekDeviceId(segment, out _));
        Assert.True(MessageParser.TryPeekDeviceId(Encoding.UTF8.GetBytes(SurfaceWaterHourly), out _));
    }

    [Fact]
    public void Parse_SurfaceWaterHourlyUpload_ReadsHeaderAndValues()
    {
        MessageParseResult result = Parse(SurfaceWaterHourly);

        Assert.True(result.Success);
        Hj212Message message = result.Message;
        Assert.Equal("20240601090000001", message.RequestId);
        Assert.Equal("21", message.SystemCode);
        Assert.Equal("2061", message.Command);
        Assert.Equal("123456", message.Password);
        Assert.Equal("010000A8900016F000169DC0", message.DeviceId);
        Assert.Equal(5, message.Flag);
        Assert.True(message.AcknowledgementRequested);
        Assert.False(message.IsSplit);
        Assert.Equal(1, message.VersionBits);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 8, 0, 0, TimeSpan.FromHours(8)), message.Data.DataTime);
        Assert.Equal(["w01001", "w01009", "w01019", "w21003", "w21011"], message.Data.Pollutants.Select(p => p.Code));
        PollutantData tp = message.Data.Pollutants[4];
        Assert.Equal(0.081m, tp[ValueSuffix.Avg]);
        Assert.Equal("N", tp.Flag);
        Assert.Null(tp[ValueSuffix.Rtd]);
        Assert.Empty(message.Warnings);
    }

    [Fact]
    public void Parse_Edition2005Upload_WithoutQnOrFlag_ReadsThreeCharacterCodes()
    {
        MessageParseResult result = Parse(FrameReaderTests.Upload2005, new MessageParseOptions(Hj212Time.ChinaStandardOffset, Hj212Edition.Edition2005));

        Assert.True(result.Success);
        Assert.Null(result.Message.RequestId);
        Assert.Null(result.Message.Flag);
        Assert.False(result.Message.AcknowledgementRequested);
        Assert.Equal(["B01", "011", "060"], result.Message.Data.Pollutants.Select(p => p.Code));
        Assert.Equal(231.0m, result.Message.Data.Pollutants[1][ValueSuffix.Rtd]);
        Assert.Equal("231.0", result.Message.Data.Pollutants[1][ValueSuffix.Rtd]!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // 17-digit DataTime with milliseconds, as real loggers send.
        Assert.Equal(new DateTimeOffset(2016, 8, 24, 0, 38, 17, TimeSpan.FromHours(8)), result.Message.Data.DataTime);
        Assert.Empty(result.Message.Warnings);
    }

    [Fact]
    public void Parse_Edition2005PacketOnA2017Station_WarnsButKeepsData()
    {
        MessageParseResult result = Parse(FrameReaderTests.Upload2005, new MessageParseOptions(Hj212Time.ChinaStandardOffset, Hj212Edition.Edition2017));

        Assert.True(result.Success);
        Assert.Equal(["QN missing", "Flag missing"], result.Message.Warnings.Select(w => w.Text));
        Assert.All(result.Message.Warnings, w => Assert.Equal(MessageErrorReason.EditionMismatch, w.Reason));
        Assert.Equal(3, result.Message.Data.Pollutants.Count);
    }

    [Fact]
    public void Parse_FieldsInUnusualOrderAndTrailingSeparators_AreRead()
    {
        MessageParseResult result = Parse(
            "QN=20180728132826005;ST=51;CN=2011;MN=01100010001000;PW=123456;Flag=0;CP=&&DataTime=20180726121201;CONC-Rtd=0.82;S03-Rtd=42.3;FANSTATUS=1;&&");

        Assert.True(result.Success);
        Assert.Equal("01100010001000", result.Message.DeviceId);
        Assert.Equal("123456", result.Message.Password);
        Assert.Equal("1", result.Message.Data.Field("FANSTATUS"));
        Assert.Equal(0.82m, result.Message.Data.Pollutants[0][ValueSuffix.Rtd]);
    }

    [Fact]
    public void Parse_SpaceBeforeKey_IsTrimmed()
    {
        MessageParseResult result = Parse("QN=20160801085857223;ST=23;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20160801085857; LA-Rtd=50.1&&");

        Assert.Equal("LA", Assert.Single(result.Message!.Data.Pollutants).Code);
    }

    [Fact]
    public void Parse_AllSuffixes_AreRead()
    {
        MessageParseResult result = Parse(
            "ST=32;CN=2051;PW=1;MN=M;CP=&&DataTime=20240601080000;w01018-Min=1,w01018-Avg=2,w01018-Max=3,w01018-Cou=4,w01018-ZsRtd=5,w01018-ZsMin=6," +
            "w01018-ZsAvg=7,w01018-ZsMax=8,w01018-Rtd=-9.5,w01018-Flag=M,w01018-EFlag=A01,w01018-SampleTime=20240601075500,w01018-SN=ABC&&");

        PollutantData cod = Assert.Single(result.Message!.Data.Pollutants);
        Assert.Equal([-9.5m, 1, 2, 3, 4, 5, 6, 7, 8], cod.Values.Select(v => v.Value));
        Assert.Equal("M", cod.Flag);
        Assert.Equal("A01", cod.ExtendedFlag);
        Assert.Equal("20240601075500", cod.SampleTime);
        Assert.Equal(new KeyValuePair<string, string>("SN", "ABC"), Assert.Single(cod.OtherFields));
    }

    [Fact]
    public void Parse_BadValue_IsSkippedAndReportedWhileOthersAreKept()
    {
        MessageParseResult result = Parse("ST=21;CN=2061;PW=1;MN=M;CP=&&DataTime=20240601080000;w01001-Avg=7.x,w01001-Flag=N;w21003-Avg=0.42;junk&&");

        Assert.True(result.Success);
        Assert.Null(result.Message.Data.Pollutants[0][ValueSuffix.Avg]);
        Assert.Equal(0.42m, result.Message.Data.Pollutants[1][ValueSuffix.Avg]);
        Assert.Collection(result.Message.Warnings,
            w => Assert.Equal((MessageErrorReason.InvalidNumber, 53, "w01001-Avg=7.x"), (w.Reason, w.Offset, w.Text)),
            w => Assert.Equal((MessageErrorReason.MalformedDataItem, 98, "junk"), (w.Reason, w.Offset, w.Text)));
    }

    [Theory]
    [InlineData("20000202000000", true)]
    [InlineData("20160824003817000", true)]
    [InlineData("20240230080000", false)]
    [InlineData("2024060108000", false)]
    [InlineData("20240601240000", false)]
    public void Parse_DataTime_AcceptsRealTimesOnly(string dataTime, bool valid)
    {
        MessageParseResult result = Parse($"ST=21;CN=2061;MN=M;CP=&&DataTime={dataTime};w01001-Avg=7&&");

        Assert.True(result.Success);
        Assert.Equal(dataTime, result.Message.Data.DataTimeText);
        Assert.Equal(valid, result.Message.Data.DataTime is not null);
        Assert.Equal(valid ? 0 : 1, result.Message.Warnings.Count(w => w.Reason == MessageErrorReason.InvalidTime));
    }

    [Theory]
    [InlineData("ST=21;CN=2061;MN=M;", MessageErrorReason.MissingDataArea, 0)]
    [InlineData("ST=21;CN=2061;MN=M;CP=&&w01001-Avg=7", MessageErrorReason.MissingDataArea, 19)]
    [InlineData("ST=21;CN=2061;CP=&&&&", MessageErrorReason.MissingField, 0)]
    [InlineData("ST=21;CN=20x1;MN=M;CP=&&&&", MessageErrorReason.InvalidField, 6)]
    [InlineData("ST=21;CN=2061;MN=M;Flag=256;CP=&&&&", MessageErrorReason.InvalidField, 19)]
    [InlineData("ST=21;CN=2061;MN=M;MN=N;CP=&&&&", MessageErrorReason.DuplicateField, 19)]
    [InlineData("ST=21;CN2061;MN=M;CP=&&&&", MessageErrorReason.MalformedField, 6)]
    [InlineData("ST=21;CN=2061;MN=M;PNUM=2;CP=&&&&", MessageErrorReason.InvalidField, 0)]
    [InlineData("ST=21;CN=2061;MN=M;PNUM=2;PNO=3;CP=&&&&", MessageErrorReason.InvalidField, 0)]
    public void Parse_BrokenHeader_FailsWithReasonAndOffset(string segment, MessageErrorReason reason, int offset)
    {
        MessageParseResult result = Parse(segment);

        Assert.False(result.Success);
        Assert.Equal(reason, result.Error.Reason);
        Assert.Equal(offset, result.Error.Offset);
    }

    [Fact]
    public void Parse_SplitPart_ReadsPacketNumbers()
    {
        MessageParseResult result = Parse("QN=20240601090000001;ST=21;CN=2061;PW=1;MN=M;Flag=7;PNUM=3;PNO=2;CP=&&w21011-Avg=0.08&&");

        Assert.True(result.Message!.IsSplit);
        Assert.Equal((3, 2), (result.Message.PacketCount, result.Message.PacketNumber));
    }

    [Fact]
    public void Parse_ChineseTextInDataArea_IsReadAsUtf8()
    {
        MessageParseResult result = Parse("ST=21;CN=3020;MN=M;CP=&&PolId=w01018;i12001-Info=维护中&&");

        Assert.Equal("维护中", result.Message!.Data.Pollutants[0].OtherFields[0].Value);
    }

    [Fact]
    public void TryPeekDeviceId_FindsMnWithoutParsing()
    {
        Assert.True(MessageParser.TryPeekDeviceId("QN=1;ST=21;CN=2011;PW=1;MN=ABC;Flag=4;CP=&&MN=X&&"u8, out ReadOnlySpan<byte> mn));
        Assert.Equal("ABC", Encoding.ASCII.GetString(mn));
        Assert.False(MessageParser.TryPeekDeviceId("ST=21;CP=&&MN=X&&"u8, out _));
    }
}
