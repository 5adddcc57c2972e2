using System.Text;
using Qingshui.Hj212;
using Qingshui.Server.Api;

namespace Qingshui.Server.Tests.Api;

public sealed class PasswordMaskTests
{
    private const string Mn = "430281A00000000000000202";

    [Theory]
    [InlineData("QN=20250101000000000;ST=21;CN=2011;PW=hn0202;MN=X;Flag=5;CP=&&&&", "QN=20250101000000000;ST=21;CN=2011;PW=******;MN=X;Flag=5;CP=&&&&")]
    [InlineData("PW=hn0202;MN=X", "PW=******;MN=X")]
    [InlineData("ST=21;CN=2011;PW=hn0202", "ST=21;CN=2011;PW=******")]
    [InlineData("ST=21;pw=secret;MN=X", "ST=21;pw=******;MN=X")]
    [InlineData("ST=21;PW=;MN=X", "ST=21;PW=;MN=X")]
    [InlineData("no password here", "no password here")]
    [InlineData("", "")]
    public void Apply_PasswordFirstMiddleLastOrEmpty_HidesOnlyTheValue(string text, string expected) =>
        Assert.Equal(expected, PasswordMask.Apply(text));

    [Theory]
    [InlineData("PW=a=b\"<img>'x;MN=1", "PW=******;MN=1")]
    [InlineData("PW=密码123;MN=1", "PW=******;MN=1")]
    [InlineData("PW=\\x00\\\\r;MN=1", "PW=******;MN=1")]
    [InlineData("PW=short", "PW=******")]
    [InlineData("PW=a-much-longer-password-than-six;MN=1", "PW=******;MN=1")]
    public void Apply_OddCharactersOrLengths_HidesTheWholeValueBehindAFixedMask(string text, string expected) =>
        Assert.Equal(expected, PasswordMask.Apply(text));

    [Fact]
    public void Apply_SeveralPasswords_HidesEach()
    {
        string twoFrames = $"##0040ST=21;PW=one111;MN={Mn}FFFF\r\n##0040ST=21;PW=two222;MN={Mn}FFFF\r\n";

        string masked = PasswordMask.Apply(twoFrames);

        Assert.DoesNotContain("one111", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("two222", masked, StringComparison.Ordinal);
        Assert.Equal(2, masked.Split("PW=******").Length - 1);
    }

    [Theory]
    [InlineData("##0052PW=hn0401;QN=bad;MN=X;CP=&&&&3480\r\n", "##0052PW=******;QN=bad;MN=X;CP=&&&&3480\r\n")]
    [InlineData("garbagePW=hn0401;MN=X", "garbagePW=******;MN=X")]
    [InlineData("\x00\x7FPW=hn0401", "\x00\x7FPW=******")]
    public void Apply_PasswordRightAfterTheLengthDigitsOrGarbage_IsHidden(string text, string expected) =>
        Assert.Equal(expected, PasswordMask.Apply(text));

    [Fact]
    public void Apply_BrokenFrameWithoutDelimiters_HidesToTheEnd()
    {
        Assert.Equal("##00ZZQN=1;PW=******", PasswordMask.Apply("##00ZZQN=1;PW=hn0202\r\n##garbage"[..20]));
        Assert.Equal("garbage PW=******", PasswordMask.Apply("garbage PW=hn0202 and more"));
    }

    [Fact]
    public void Apply_Bytes_MasksAndKeepsEveryOtherByte()
    {
        byte[] frame = FrameEncoder.Encode($"QN=20250101000000000;ST=21;CN=2011;PW=hn0202;MN={Mn};Flag=5;CP=&&w01001-Rtd=7.1&&");
        byte[] withBinary = [0x00, 0xFF, .. frame, 0x80];

        byte[] masked = PasswordMask.Apply(withBinary);

        string text = ByteText.EscapeAll(masked);
        Assert.DoesNotContain("hn0202", text, StringComparison.Ordinal);
        Assert.StartsWith("\\x00\\xFF##", text, StringComparison.Ordinal);
        Assert.EndsWith("\\r\\n\\x80", text, StringComparison.Ordinal);
        Assert.Equal(ByteText.EscapeAll(withBinary).Replace("PW=hn0202", "PW=******", StringComparison.Ordinal), text);
    }

    [Fact]
    public void Apply_SplitMessageParts_HidesThePasswordOfEachPart()
    {
        // PNUM/PNO: each part carries its own header, password included (HJ 212-2017 §6.3.3)
        string[] parts = [.. Enumerable.Range(1, 3).Select(n =>
            $"QN=20250101000000000;ST=21;CN=2061;PW=part{n}pw;MN={Mn};Flag=7;PNUM=3;PNO={n};CP=&&DataTime=20250101000000;w21003-Avg=0.{n}&&")];

        string[] masked = [.. parts.Select(p => Encoding.ASCII.GetString(PasswordMask.Apply(FrameEncoder.Encode(p))))];

        Assert.All(masked, m => Assert.Contains("PW=******;MN=", m, StringComparison.Ordinal));
        Assert.All(masked, m => Assert.DoesNotContain("part", m, StringComparison.Ordinal));
    }
}
