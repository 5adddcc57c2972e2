using System.Text.Json;
using System.Text.RegularExpressions;
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
    public async Task CheckStream_WholeFieldCapture_FindsEveryGoodFrameAndCountsEachDamagedPacketOnce()
    {
        string[] files = Directory.GetFiles(SharedData.PathOf("hj212", "capture-2016-08-24"), "*.h212.gz");
        int valid = 0, invalid = 0, noise = 0, counted = 0;
        foreach (string file in files)
        {
            (int exitCode, string output, string error) = await CliRunner.RunAsync("hj212", "check", "--stream", file);
            JsonElement[] objects = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
            JsonElement[] packets = objects.Where(o => !o.TryGetProperty("noise", out _)).ToArray();
            valid += packets.Count(p => p.GetProperty("valid").GetBoolean());
            invalid += packets.Count(p => !p.GetProperty("valid").GetBoolean());
            noise += objects.Length - packets.Length;

            // Packets are numbered 1, 2, … whatever they are, and the count on stderr is the count of invalid objects.
            Assert.Equal(Enumerable.Range(1, packets.Length), packets.Select(p => p.GetProperty("index").GetInt32()));
            Match summary = Regex.Match(error, @"(\d+) valid, (\d+) invalid");
            counted += int.Parse(summary.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(packets.Any(p => !p.GetProperty("valid").GetBoolean()) ? 1 : 0, exitCode);
        }

        // 190,352 clean packets plus 13 good frames that arrived with modem noise behind them: of the capture's 85
        // damaged lines, those 13 hold a good frame and chatter (or a headless fragment), the other 72 a damaged packet.
        Assert.Equal(190_365, valid);
        Assert.Equal(72, invalid);
        Assert.Equal(72, counted);
        Assert.Equal(13, noise);
    }

    [Fact]
    public async Task CheckStream_PacketWhoseLengthFallsShort_IsOneInvalidObject()
    {
        // Given a damaged packet between two good frames: its declared length (0100) ends inside its data, so framing
        // rejects a candidate and then the packet's remaining bytes.
        string good = System.Text.Encoding.ASCII.GetString(Hj212.FrameEncoder.Encode("ST=32;CN=2011;PW=123456;MN=LD130104000139;CP=&&DataTime=20160824045500;011-Rtd=199.4,011-Flag=N&&"));
        string damaged = "##0100ST=32;CN=2011;PW=123456;MN=LD130124000432;CP=&&DataTime=20160824002500;B02-Rtd=242.95;03-Rtd=577.255,03-Flag=N;S08-Rtd=-0.408594,S08-Flag=N;S03-Rtd=373.9,S03-Flag=N;S01-Rtd=4.3,S01-Flag=N&&CAC1\r\n";
        string path = Path.Combine(Directory.CreateTempSubdirectory("qingshui-cli-").FullName, "stream.h212");
        await File.WriteAllTextAsync(path, good + damaged + good, TestContext.Current.CancellationToken);

        // When the stream is checked
        (int exitCode, string output, string error) = await CliRunner.RunAsync("hj212", "check", "--stream", path);

        // Then there are three packets, the middle one invalid, starting where the damaged packet starts
        JsonElement[] results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal([true, false, true], results.Select(r => r.GetProperty("valid").GetBoolean()));
        Assert.Equal([1, 2, 3], results.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal(good.Length, results[1].GetProperty("offset").GetInt64());
        Assert.StartsWith("##0100ST=32", results[1].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, exitCode);
        Assert.Contains("2 valid, 1 invalid", error, StringComparison.Ordinal);
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

    // An HJ 212-2025 hourly upload (w01001 7.52) whose data area was encrypted with the GB/T 32907 example key by OpenSSL's
    // SM4, not the library the command uses (made by tests/Qingshui.Server.Tests/Keys/known-answer-frames.py), CR LF escaped.
    private static string EncryptedPacket() =>
        "##0215QN=20260105080000001;ST=21;CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag=9;CP=&&"
        + "77842932F21DE54D792B15D5435E0F3BD644C696E916E638F9040BEDCE9C986929EB51BA7A127D851AF2912443853CB0E4E02EA613E760BBA8AC8DFC10D5B4E3&&AA01\\r\\n";

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
