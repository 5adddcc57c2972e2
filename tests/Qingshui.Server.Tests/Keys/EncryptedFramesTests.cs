using System.Text;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Qingshui.Hj212;
using Qingshui.Server.Keys;

namespace Qingshui.Server.Tests.Keys;

/// <summary>
/// HJ 212-2025 frames whose data area was encrypted independently of our encoder: the expected ciphertext is made here
/// from the algorithm's description (zero-filled to whole blocks, each 16-byte block through BouncyCastle's raw SM4
/// engine, upper-case hex in place of the data area), then read by the codec through the server's cipher.
/// </summary>
public sealed class EncryptedFramesTests
{
    internal const string KeyHex = "0123456789ABCDEFFEDCBA9876543210";
    internal const string Header = "QN=20260105080000001;ST=21;CN=2061;PW=hn0301;MN=430281A00000000000000301;Flag=9;";
    internal const string Data = "DataTime=20260105070000;w01001-Avg=7.52,w01001-Flag=N;w01009-Avg=8.10,w01009-Flag=N";

    private static readonly MessageParseOptions Options2025 =
        new(Hj212Time.ChinaStandardOffset, Hj212Edition.Edition2025, new Sm4DataAreaCipher(Convert.FromHexString(KeyHex)));

    /// <summary>The data area's ciphertext as hex, block by block with the raw engine.</summary>
    internal static string IndependentCiphertext(string data, string keyHex)
    {
        byte[] plain = Encoding.UTF8.GetBytes(data);
        byte[] filled = new byte[(plain.Length + 15) / 16 * 16];
        plain.CopyTo(filled, 0);
        var engine = new SM4Engine();
        engine.Init(true, new KeyParameter(Convert.FromHexString(keyHex)));
        byte[] output = new byte[filled.Length];
        for (int at = 0; at < filled.Length; at += 16)
        {
            engine.ProcessBlock(filled, at, output, at);
        }

        return Convert.ToHexString(output);
    }

    internal static string EncryptedSegment(string header, string data, string keyHex) => $"{header}CP=&&{IndependentCiphertext(data, keyHex)}&&";

    [Fact]
    public void Parse_HourlyUploadEncryptedIndependently_ReadsEveryValue()
    {
        byte[] segment = Encoding.ASCII.GetBytes(EncryptedSegment(Header, Data, KeyHex));

        MessageParseResult parsed = MessageParser.Parse(segment, Options2025);

        Assert.True(parsed.Success, parsed.Error?.ToString());
        Assert.Equal("20260105070000", parsed.Message.Data.DataTimeText);
        Assert.Equal([("w01001", 7.52m), ("w01009", 8.10m)], parsed.Message.Data.Pollutants.Select(p => (p.Code, p[ValueSuffix.Avg]!.Value)));
        Assert.Empty(parsed.Message.Warnings);
    }

    [Fact]
    public void Encrypt_DataSegment_GivesTheIndependentCiphertext()
    {
        string encrypted = DataAreaEncryption.Encrypt($"{Header}CP=&&{Data}&&", new Sm4DataAreaCipher(Convert.FromHexString(KeyHex)));

        Assert.Equal(EncryptedSegment(Header, Data, KeyHex), encrypted);
    }

    [Fact]
    public void Parse_DataAreaWholeBlocks_NeedsNoFill()
    {
        string data = "DataTime=20260105070000;w01001-Avg=7.5"; // 38 bytes: not whole blocks
        string exact = data + new string('0', 48 - data.Length);
        byte[] segment = Encoding.ASCII.GetBytes(EncryptedSegment(Header, exact, KeyHex));

        MessageParseResult parsed = MessageParser.Parse(segment, Options2025);

        Assert.True(parsed.Success, parsed.Error?.ToString());
        Assert.Equal(48, Encoding.ASCII.GetByteCount(exact));
        Assert.Equal(7.5m, parsed.Message.Data.Pollutants[0][ValueSuffix.Avg]);
    }

    [Fact]
    public void Parse_WrongKey_FailsAsNotTextAfterDecryption()
    {
        byte[] segment = Encoding.ASCII.GetBytes(EncryptedSegment(Header, Data, "00112233445566778899AABBCCDDEEFF"));

        MessageParseResult parsed = MessageParser.Parse(segment, Options2025);

        Assert.False(parsed.Success);
        Assert.Equal(MessageErrorReason.DecryptedNotText, parsed.Error.Reason);
    }

    [Fact]
    public void Parse_ClearDataAreaWhereCiphertextExpected_FailsAsNotHex()
    {
        byte[] segment = Encoding.ASCII.GetBytes($"{Header}CP=&&DataTime=20260105070000;w01001-Avg=7.52,w01001-Flag=N;w01&&");

        MessageParseResult parsed = MessageParser.Parse(segment, Options2025);

        Assert.False(parsed.Success);
        Assert.Equal(MessageErrorReason.CipherTextNotHex, parsed.Error.Reason);
    }

    [Fact]
    public void Parse_CiphertextNotWholeBlocks_FailsWithLengthReason()
    {
        string hex = IndependentCiphertext(Data, KeyHex);
        byte[] segment = Encoding.ASCII.GetBytes($"{Header}CP=&&{hex[..^2]}&&");

        MessageParseResult parsed = MessageParser.Parse(segment, Options2025);

        Assert.False(parsed.Success);
        Assert.Equal(MessageErrorReason.CipherTextLength, parsed.Error.Reason);
    }

    [Theory]
    [InlineData("9011")]
    [InlineData("9014")]
    [InlineData("1011")]
    public void Parse_CommandTheEditionDoesNotEncrypt_IsReadInClear(string command)
    {
        byte[] segment = Encoding.ASCII.GetBytes($"QN=20260105080000001;ST=91;CN={command};PW=hn0301;MN=430281A00000000000000301;Flag=8;CP=&&QnRtn=1&&");

        MessageParseResult parsed = MessageParser.Parse(segment, Options2025);

        Assert.True(parsed.Success, parsed.Error?.ToString());
        Assert.Equal("1", parsed.Message.Data.Fields.Single().Value);
    }

    [Fact]
    public void Parse_Edition2017WithAKey_IsReadInClear()
    {
        byte[] segment = Encoding.ASCII.GetBytes($"{Header.Replace("Flag=9", "Flag=5", StringComparison.Ordinal)}CP=&&{Data}&&");

        MessageParseResult parsed = MessageParser.Parse(segment, Options2025 with { Edition = Hj212Edition.Edition2017 });

        Assert.True(parsed.Success, parsed.Error?.ToString());
        Assert.Equal(2, parsed.Message.Data.Pollutants.Count);
    }
}
