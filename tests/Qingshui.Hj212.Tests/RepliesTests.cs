using System.Text;

namespace Qingshui.Hj212.Tests;

public sealed class RepliesTests
{
    private static Hj212Message Upload(string segment) => MessageParser.Parse(Encoding.ASCII.GetBytes(segment), MessageParseOptions.Default).Message!;

    private static readonly StationAddress Station = new("21", "123456", "010000A8900016F000169DC0", Hj212Edition.Edition2017);

    [Fact]
    public void DataAcknowledgement_ToHourlyUpload_IsThe9014OfTheWorkedExample()
    {
        Hj212Message upload = Upload("QN=20240601090000001;ST=21;CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20240601080000;w01001-Avg=7.52&&");

        byte[] frame = MessageWriter.Encode(Replies.DataAcknowledgement(upload, Hj212Edition.Edition2017));

        Assert.Equal("##0087QN=20240601090000001;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&E981\r\n", Encoding.ASCII.GetString(frame));
    }

    [Fact]
    public void RequestResponse_EchoesQnWithSt91AndReturnCode()
    {
        Hj212Message request = Upload("QN=20160801085857223;ST=32;CN=1062;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&");

        byte[] frame = MessageWriter.Encode(Replies.RequestResponse(request, RequestReturnCode.Ready, Hj212Edition.Edition2017));

        Assert.Equal("##0094QN=20160801085857223;ST=91;CN=9011;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&QnRtn=1&&1B00\r\n", Encoding.ASCII.GetString(frame));
    }

    [Theory]
    [InlineData(RequestReturnCode.PasswordError, "QnRtn=3")]
    [InlineData(RequestReturnCode.DeviceIdError, "QnRtn=4")]
    [InlineData(RequestReturnCode.CrcError, "QnRtn=9")]
    public void RequestResponse_RejectionCodes_AreWritten(RequestReturnCode code, string field)
    {
        Hj212Message upload = Upload("QN=20240601090000001;ST=21;CN=2061;PW=bad;MN=X;Flag=5;CP=&&&&");

        string text = MessageWriter.Write(Replies.RequestResponse(upload, code, Hj212Edition.Edition2017));

        Assert.Equal($"QN=20240601090000001;ST=91;CN=9011;PW=bad;MN=X;Flag=4;CP=&&{field}&&", text);
    }

    [Fact]
    public void ExecutionResultAndNoticeAcknowledgement_UseTheirCommands()
    {
        Hj212Message notice = Upload("QN=20240601090000001;ST=21;CN=1013;PW=123456;MN=M;Flag=4;CP=&&&&");

        Assert.Equal("QN=20240601090000001;ST=91;CN=9013;PW=123456;MN=M;Flag=4;CP=&&&&",
            MessageWriter.Write(Replies.NoticeAcknowledgement(notice, Hj212Edition.Edition2017)));
        Assert.Equal("QN=20240601090000001;ST=91;CN=9012;PW=123456;MN=M;Flag=4;CP=&&ExeRtn=1&&",
            MessageWriter.Write(Replies.ExecutionResult(notice, ExecutionReturnCode.Success, Hj212Edition.Edition2017)));
    }

    [Fact]
    public void DataAcknowledgement_To2005UploadWithoutQnOrFlag_OmitsThem()
    {
        Hj212Message upload = Upload(FrameReaderTests.Upload2005);

        Assert.Equal("ST=91;CN=9014;PW=123456;MN=LD130133000015;CP=&&&&", MessageWriter.Write(Replies.DataAcknowledgement(upload, Hj212Edition.Edition2005)));
    }

    [Fact]
    public void DataAcknowledgement_ToSplitPart_EchoesThatPartsQn()
    {
        Hj212Message part = Upload("QN=20240601090000535;ST=21;CN=2061;PW=123456;MN=M;Flag=7;PNUM=2;PNO=2;CP=&&w21011-Avg=0.08&&");

        Assert.Equal("QN=20240601090000535;ST=91;CN=9014;PW=123456;MN=M;Flag=4;CP=&&&&", MessageWriter.Write(Replies.DataAcknowledgement(part, Hj212Edition.Edition2017)));
    }

    [Fact]
    public void HostCommands_TimeCalibration_AreRequestsWithAcknowledgement()
    {
        var time = new DateTimeOffset(2024, 6, 1, 9, 30, 0, TimeSpan.FromHours(8));

        Assert.Equal("QN=20240601093000000;ST=21;CN=1011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&&&",
            MessageWriter.Write(HostCommands.GetTime("20240601093000000", Station)));
        Assert.Equal("QN=20240601093000000;ST=21;CN=1012;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&PolId=w01018;SystemTime=20240601093000&&",
            MessageWriter.Write(HostCommands.SetTime("20240601093000000", Station, time, "w01018")));
    }

    [Theory]
    [InlineData(CommandCode.DailyData)]
    [InlineData(CommandCode.MinuteData)]
    [InlineData(CommandCode.HourlyData)]
    public void HostCommands_RequestHistory_CarriesBeginAndEnd(string command)
    {
        var begin = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.FromHours(8));

        byte[] frame = MessageWriter.Encode(HostCommands.RequestHistory("20240601093000000", Station, command, begin, begin.AddHours(23)));

        Assert.Equal(FrameReadStatus.Frame, FrameReader.DecodePacket(frame, FramingOptions.Default, out _, out Range data, out _));
        Hj212Message request = MessageParser.Parse(frame.AsSpan()[data], MessageParseOptions.Default).Message!;
        Assert.Equal(command, request.Command);
        Assert.Equal("20240601000000", request.Data.Field("BeginTime"));
        Assert.Equal("20240601230000", request.Data.Field("EndTime"));
    }

    [Fact]
    public void HostCommands_RequestHistory_RejectsOtherCommands()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HostCommands.RequestHistory("1", Station, CommandCode.RealTimeData, DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
    }
}
