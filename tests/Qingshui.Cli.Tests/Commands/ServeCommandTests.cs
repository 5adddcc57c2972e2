namespace Qingshui.Cli.Tests.Commands;

public sealed partial class ServeCommandTests
{
    [Fact]
    public async Task Serve_BadOptions_AreUsageErrorsNamingTheOption()
    {
        (int exitCode, _, string error) = await CliRunner.RunAsync("serve", "--bind", "localhost-ish", "--sync", "sometimes");

        Assert.Equal(2, exitCode);
        Assert.Contains("--bind: 'localhost-ish' is not an IP address", error, StringComparison.Ordinal);
        Assert.Contains("--sync: must be 'full' or 'normal'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BadCapsAndQuotas_AreUsageErrorsNamingTheOption()
    {
        (int exitCode, _, string error) = await CliRunner.RunAsync(
            "serve", "--max-connections", "0", "--max-connections-per-address", "-1", "--reject-quota-total", "-5", "--reject-retention-days", "0",
            "--datatime-behind-days", "0", "--datatime-ahead-minutes", "-1");

        Assert.Equal(2, exitCode);
        Assert.Contains("--max-connections: must be positive", error, StringComparison.Ordinal);
        Assert.Contains("--max-connections-per-address: must be positive", error, StringComparison.Ordinal);
        Assert.Contains("--reject-quota-total: must not be negative", error, StringComparison.Ordinal);
        Assert.Contains("--reject-retention-days: must be at least 1", error, StringComparison.Ordinal);
        Assert.Contains("--datatime-behind-days: must be 1–36500", error, StringComparison.Ordinal);
        Assert.Contains("--datatime-ahead-minutes: must be 0–10080", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BrokenBasinFile_ReportsEveryErrorWithItsPath()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("qingshui-cli-").FullName, "bad.basin.json");
        await File.WriteAllTextAsync(path, """{ "format": "qingshui-basin/1", "id": "x", "name": { "zh": "甲", "en": "A" }, "jurisdictions": [], "sections": [], "stations": [ { "mn": "" } ] }""",
            TestContext.Current.CancellationToken);

        (int exitCode, _, string error) = await CliRunner.RunAsync("serve", "--basin", path);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{path}: $.stations[0].mn: must not be empty", error, StringComparison.Ordinal);
        Assert.Contains($"{path}: $.stations[0].password: required", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_BadFaultFraction_IsAUsageError()
    {
        (int exitCode, _, string error) = await CliRunner.RunAsync("simulate", "--bad-crc", "1.5", "--command", "2099");

        Assert.Equal(2, exitCode);
        Assert.Contains("--bad-crc: must be a fraction between 0 and 1", error, StringComparison.Ordinal);
        Assert.Contains("--command: must be 2011, 2051, 2061, 2031 or (with --edition 2025) 2013", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_PortOutOfRangeAmongPorts_IsAUsageError()
    {
        (int exitCode, _, string error) = await CliRunner.RunAsync("simulate", "--ports", "9212", "70000");

        Assert.Equal(2, exitCode);
        Assert.Contains("--ports: at most 64 ports, each 1–65535", error, StringComparison.Ordinal);
    }
}
