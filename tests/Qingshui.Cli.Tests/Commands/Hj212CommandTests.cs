using System.Text.Json;
using Qingshui.Testing;

namespace Qingshui.Cli.Tests.Commands;

public sealed class Hj212CommandTests
{
    [Theory]
    [MemberData(nameof(PacketCorpus.FileData), MemberType = typeof(PacketCorpus))]
    public async Task Check_EveryLine_MatchesTheManifestVerdict(string file)
    {
        string[] expected = PacketCorpus.Verdicts(file);

        (int exitCode, string output, _) = await CliRunner.RunAsync("hj212", "check", SharedData.PathOf("hj212", file));

        JsonElement[] results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(expected, results.Select(r => r.GetProperty("valid").GetBoolean() ? "VALID" : "INVALID"));
        Assert.Equal(Enumerable.Range(1, expected.Length), results.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal(expected.Contains("INVALID") ? 1 : 0, exitCode);
        Assert.All(results.Where(r => !r.GetProperty("valid").GetBoolean()), r =>
        {
            Assert.False(string.IsNullOrEmpty(r.GetProperty("reason").GetString()));
            Assert.True(r.GetProperty("offset").GetInt64() >= 0);
            Assert.False(string.IsNullOrEmpty(r.GetProperty("text").GetString()));
        });
    }

    [Fact]
    public async Task Check_ValidPacket_PrintsItsFieldsAndValues()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("qingshui-cli-").FullName, "one.txt");
        await File.WriteAllTextAsync(path,
            @"##0259QN=20240601090000001;ST=21;CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20240601080000;w01001-Avg=7.52,w01001-Flag=N;w01009-Avg=6.8,w01009-Flag=N;w01019-Avg=2.9,w01019-Flag=N;w21003-Avg=0.42,w21003-Flag=N;w21011-Avg=0.081,w21011-Flag=N&&1680\r\n" + "\n",
            TestContext.Current.CancellationToken);

        (int exitCode, string output, _) = await CliRunner.RunAsync("hj212", "check", path);

        Assert.Equal(0, exitCode);
        Assert.Equal(
            """{"index":1,"valid":true,"reason":null,"offset":null,"terminator":"CRLF","st":"21","cn":"2061","mn":"010000A8900016F000169DC0","dataTime":"2024-06-01T08:00:00+08:00","values":{"w01001-Avg":7.52,"w01009-Avg":6.8,"w01019-Avg":2.9,"w21003-Avg":0.42,"w21011-Avg":0.081}}""",
            output.Trim());
    }

    [Fact]
    public async Task CheckStream_WholeFieldCapture_FindsEveryGoodFrame()
    {
        string[] files = Directory.GetFiles(SharedData.PathOf("hj212", "capture-2016-08-24"), "*.h212.gz");
        int valid = 0, invalid = 0;
        foreach (string file in files)
        {
            (int exitCode, string output, _) = await CliRunner.RunAsync("hj212", "check", "--stream", file);
            foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                bool ok = line.Contains("\"valid\":true", StringComparison.Ordinal);
                valid += ok ? 1 : 0;
                invalid += ok ? 0 : 1;
            }

            Assert.InRange(exitCode, 0, 1);
        }

        Assert.Equal(190_365, valid);
        Assert.InRange(invalid, 72, 200);
    }

    [Fact]
    public async Task Check_MissingFile_IsAUsageError()
    {
        (int exitCode, _, string error) = await CliRunner.RunAsync("hj212", "check", "/no/such/capture.txt");

        Assert.Equal(2, exitCode);
        Assert.Contains("no such file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOption_IsAUsageError()
    {
        (int exitCode, _, string error) = await CliRunner.RunAsync("hj212", "check", "--strem", "x", "y");

        Assert.Equal(2, exitCode);
        Assert.Contains("qingshui --help", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_MatchesGoldenFile()
    {
        (_, string output, _) = await CliRunner.RunAsync("hj212", "check", "--help");

        GoldenFile.AssertMatches("tests/Qingshui.Cli.Tests/Commands/Hj212CheckHelp.golden.txt", output);
    }

    // An HJ 212-2025 hourly upload whose data area was encrypted with the GB/T 32907 example key (SM4 ECB, zero-filled,
    // upper-case hex), made block by block with BouncyCastle's raw engine.
    private static string EncryptedPacket()
    {
        const string data = "DataTime=20260105070000;w01001-Avg=7.52,w01001-Flag=N";
        byte[] plain = System.Text.Encoding.ASCII.GetBytes(data);
        byte[] filled = new byte[(plain.Length + 15) / 16 * 16];
        plain.CopyTo(filled, 0);
        var engine = new Org.BouncyCastle.Crypto.Engines.SM4Engine();
        engine.Init(true, new Org.BouncyCastle.Crypto.Parameters.KeyParameter(Convert.FromHexString(Sm4Key)));
        byte[] cipher = new byte[filled.Length];
        for (int at = 0; at < filled.Length; at += 16)
        {
            engine.ProcessBlock(filled, at, cipher, at);
        }

        string segment = $"QN=20260105080000001;ST=21;CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag=9;CP=&&{Convert.ToHexString(cipher)}&&";
        return System.Text.Encoding.ASCII.GetString(Hj212.FrameEncoder.Encode(segment)).Replace("\r\n", "\\r\\n", StringComparison.Ordinal);
    }

    private const string Sm4Key = "0123456789ABCDEFFEDCBA9876543210";

    [Fact]
    public async Task Check_WithKey_DecryptsTheDataArea()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("qingshui-cli-").FullName, "sm4.txt");
        await File.WriteAllTextAsync(path, EncryptedPacket() + "\n", TestContext.Current.CancellationToken);

        (int exitCode, string output, _) = await CliRunner.RunAsync("hj212", "check", "--key", Sm4Key, path);

        Assert.Equal(0, exitCode);
        Assert.Contains("\"values\":{\"w01001-Avg\":7.52}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithWrongKey_ShowsTheDecryptionError()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("qingshui-cli-").FullName, "sm4.txt");
        await File.WriteAllTextAsync(path, EncryptedPacket() + "\n", TestContext.Current.CancellationToken);

        (_, string output, _) = await CliRunner.RunAsync("hj212", "check", "--key", "00112233445566778899AABBCCDDEEFF", path);

        Assert.Contains("does not decrypt to text with the station's key", output, StringComparison.Ordinal);
        Assert.DoesNotContain("w01001", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_KeyNotHex_IsAUsageError()
    {
        (int exitCode, _, string error) = await CliRunner.RunAsync("hj212", "check", "--key", "xyz", "-");

        Assert.Equal(2, exitCode);
        Assert.Contains("--key: must be 32 hexadecimal digits", error, StringComparison.Ordinal);
    }
}
