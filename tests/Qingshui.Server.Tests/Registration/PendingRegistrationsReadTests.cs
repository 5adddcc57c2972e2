using System.Text;
using Qingshui.Hj212;
using Qingshui.Server.Registration;

namespace Qingshui.Server.Tests.Registration;

/// <summary>What of a logger's 1001 is kept as text in the store's pending list must be text both stores can hold.</summary>
public sealed class PendingRegistrationsReadTests
{
    private static Hj212Message Parse(string segment)
    {
        MessageParseResult result = MessageParser.Parse(Encoding.ASCII.GetBytes(segment), MessageParseOptions.Default);
        Assert.True(result.Success, result.Error?.ToString());
        return result.Message;
    }

    private static string Announcement(string st) =>
        $"QN=20260105080000001;ST={st};CN=1001;PW=123456;MN=;Flag=9;CP=&&i23005-Info=DL-1;i23006-Info=CPU-7F3A&&";

    [Fact]
    public void Read_SystemCodeOfDigits_IsAPendingDevice()
    {
        (PendingDevice? device, string? refusal) = PendingRegistrations.Read(Parse(Announcement("21")), "127.0.0.1:5000", DateTimeOffset.UnixEpoch);

        Assert.Null(refusal);
        Assert.Equal("21", device!.SystemCode);
    }

    [Fact]
    public void Read_SystemCodeOfNuls_IsRefusedWithItsReason()
    {
        (PendingDevice? device, string? refusal) = PendingRegistrations.Read(Parse(Announcement("\0\0")), "127.0.0.1:5000", DateTimeOffset.UnixEpoch);

        Assert.Null(device);
        Assert.Contains("ST", refusal);
    }
}
