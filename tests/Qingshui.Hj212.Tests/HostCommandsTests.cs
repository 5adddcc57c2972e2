using System.Text;

namespace Qingshui.Hj212.Tests;

public sealed class HostCommandsTests
{
    // The standard's own Appendix A example is a 1062 from a host: PW 100000, ST 32, RtdInterval 30, CRC 1C80.
    private static readonly StationAddress AppendixStation = new("32", "100000", "010000A8900016F000169DC0", Hj212Edition.Edition2017);

    private static Hj212Message Parse(string segment) => MessageParser.Parse(Encoding.ASCII.GetBytes(segment), MessageParseOptions.Default).Message!;

    [Fact]
    public void SetRealtimeInterval_AppendixAExample_IsTheStandardsFrame()
    {
        byte[] frame = MessageWriter.Encode(HostCommands.SetRealtimeInterval("20160801085857223", AppendixStation, 30));

        Assert.Equal("##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n",
            Encoding.ASCII.GetString(frame));
    }

    [Fact]
    public void GetRealtimeInterval_AsksForAnAnswer_WithAnEmptyDataArea()
    {
        string text = MessageWriter.Write(HostCommands.GetRealtimeInterval("20240601090000001", AppendixStation));

        Assert.Equal("QN=20240601090000001;ST=32;CN=1061;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&&&", text);
    }

    [Fact]
    public void SetRealtimeInterval_2005Station_CarriesNoVersionBits()
    {
        var station = new StationAddress("32", "123456", "LD130133000015", Hj212Edition.Edition2005);

        string text = MessageWriter.Write(HostCommands.SetRealtimeInterval("20240601090000001", station, 3600));

        Assert.Equal("QN=20240601090000001;ST=32;CN=1062;PW=123456;MN=LD130133000015;Flag=1;CP=&&RtdInterval=3600&&", text);
    }

    [Theory]
    [InlineData(29)]
    [InlineData(3601)]
    [InlineData(0)]
    [InlineData(-30)]
    public void SetRealtimeInterval_OutsideTheStandardsBounds_Throws(int seconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HostCommands.SetRealtimeInterval("20240601090000001", AppendixStation, seconds));

    [Theory]
    [InlineData("RtdInterval=30", true, 30)]
    [InlineData("RtdInterval=3600", true, 3600)]
    [InlineData("RtdInterval=600", true, 600)]
    [InlineData("RtdInterval=29", false, 0)]
    [InlineData("RtdInterval=3601", false, 0)]
    [InlineData("RtdInterval=60.5", false, 0)]
    [InlineData("RtdInterval=+60", false, 0)]
    [InlineData("RtdInterval=", false, 0)]
    [InlineData("MinInterval=10", false, 0)]
    public void TryRead_StationsIntervalUpload_AcceptsOnlyWholeSecondsWithinBounds(string field, bool expected, int seconds)
    {
        Hj212Message upload = Parse($"QN=20240601090000001;ST=21;CN=1061;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&{field}&&");

        bool read = RealtimeInterval.TryRead(upload.Data, out int value);

        Assert.Equal((expected, seconds), (read, expected ? value : 0));
    }
}
