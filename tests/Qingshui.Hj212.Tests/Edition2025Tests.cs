using System.Text;
using Qingshui.Hj212;

namespace Qingshui.Hj212.Tests;

/// <summary>HJ 212-2025 as an edition beside 2017 and 2005: Flag version bits 000010, and which commands carry encrypted data areas.</summary>
public sealed class Edition2025Tests
{
    private static string Upload(int flag) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"QN=20260105080000001;ST=21;CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag={flag};CP=&&DataTime=20260105070000;w01001-Avg=7.5&&");

    private static MessageParseResult Parse(int flag, Hj212Edition edition) => MessageParser.Parse(
        Encoding.ASCII.GetBytes(Upload(flag)),
        new MessageParseOptions(Hj212Time.ChinaStandardOffset, edition));

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    public void Parse_2025FlagOnA2025Station_HasNoWarning(int flag)
    {
        MessageParseResult result = Parse(flag, Hj212Edition.Edition2025);

        Assert.True(result.Success);
        Assert.Empty(result.Message.Warnings);
        Assert.Equal(2, result.Message.VersionBits);
    }

    [Theory]
    [InlineData(5, Hj212Edition.Edition2025, "Flag=5 has version 1, edition expects 2")]
    [InlineData(9, Hj212Edition.Edition2017, "Flag=9 has version 2, edition expects 1")]
    public void Parse_FlagOfAnotherEdition_WarnsEditionMismatch(int flag, Hj212Edition edition, string warning)
    {
        MessageParseResult result = Parse(flag, edition);

        Assert.True(result.Success);
        MessageError error = Assert.Single(result.Message.Warnings);
        Assert.Equal((MessageErrorReason.EditionMismatch, warning), (error.Reason, error.Text));
    }

    [Fact]
    public void Flag_2025_Is8Or9WithAcknowledgement()
    {
        Assert.Equal((8, 9, 10), (EditionProfile.Edition2025.Flag(false, false), EditionProfile.Edition2025.Flag(true, false), EditionProfile.Edition2025.Flag(false, true)));
    }

    [Theory]
    [InlineData("2011", true)]
    [InlineData("2061", true)]
    [InlineData("2013", true)]
    [InlineData("2999", true)]
    [InlineData("1014", true)]
    [InlineData("3020", true)]
    [InlineData("1001", false)]
    [InlineData("1002", false)]
    [InlineData("9014", false)]
    [InlineData("9015", false)]
    [InlineData("3021", false)]
    public void EncryptsDataArea_2025_DataCommandsKeyExchangeAndDeviceInformation(string command, bool encrypted)
    {
        Assert.Equal(encrypted, EditionProfile.Edition2025.EncryptsDataArea(command));
        Assert.False(EditionProfile.Edition2017.EncryptsDataArea(command));
        Assert.False(EditionProfile.Edition2005.EncryptsDataArea(command));
    }

    [Fact]
    public void Replies_ToA2025Upload_CarryFlagVersion2()
    {
        Hj212Message upload = Parse(9, Hj212Edition.Edition2025).Message!;

        Hj212Message ack = Replies.DataAcknowledgement(upload, Hj212Edition.Edition2025);

        Assert.Equal(8, ack.Flag);
    }
}
