using System.Net;
using System.Net.Sockets;
using Qingshui.Cli.Commands;

namespace Qingshui.Cli.Tests.Commands;

/// <summary>What goes wrong when serve, demo and simulate start: one line on stderr naming what to change, an exit code, no stack trace.</summary>
public sealed class StartFailureTests
{
    private static string Folder() => Directory.CreateTempSubdirectory("qingshui-start-").FullName;

    private static TcpListener Occupied()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private static int PortOf(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;

    [Fact]
    public async Task Serve_HttpPortInUse_IsOneLineNamingThePortAndItsOption_Exit3()
    {
        using TcpListener taken = Occupied();
        string db = Path.Combine(Folder(), "q.db");

        (int exitCode, _, string error) = await CliRunner.RunAsync("serve", "--db", db, "--hj212-port", "0", "--http-port", PortOf(taken).ToString(), "--quiet");

        Assert.Equal(3, exitCode);
        Assert.Equal($"cannot start: HTTP port {PortOf(taken)} is already in use on 127.0.0.1; stop what listens there or choose another with --http-port (0 picks a free one)",
            error.Trim());
    }

    [Fact]
    public async Task Demo_Hj212PortInUse_IsOneLineNamingThePortAndItsOption_Exit3()
    {
        using TcpListener taken = Occupied();
        var output = new StringWriter();
        var error = new StringWriter();

        int exitCode = await DemoCommand.ExecuteAsync(new DemoCommand.Settings(0, PortOf(taken), Folder(), Reset: false, Interval: 5), output, error,
            TestContext.Current.CancellationToken);

        Assert.Equal(3, exitCode);
        Assert.Equal($"cannot start: HJ 212 port {PortOf(taken)} is already in use on 127.0.0.1; stop what listens there or choose another with --hj212-port (0 picks a free one)",
            error.ToString().Trim());
        Assert.DoesNotContain("   at ", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_DbInAFolderThatDoesNotExist_IsAUsageError_AndMakesNoFolder()
    {
        string missing = Path.Combine(Folder(), "typo", "deeper");

        (int exitCode, _, string error) = await CliRunner.RunAsync("serve", "--db", Path.Combine(missing, "q.db"), "--hj212-port", "0", "--no-http");

        Assert.Equal(2, exitCode);
        Assert.Equal($"--db: the folder {missing} does not exist; create it first (the database file itself is created)", error.Trim());
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)));
    }

    [Fact]
    public async Task Serve_DbThatIsNotADatabase_IsOneLine_Exit1()
    {
        string path = Path.Combine(Folder(), "notes.db");
        await File.WriteAllTextAsync(path, "shopping list\n", TestContext.Current.CancellationToken);

        (int exitCode, _, string error) = await CliRunner.RunAsync("serve", "--db", path, "--hj212-port", "0", "--no-http");

        Assert.Equal(1, exitCode);
        Assert.Equal($"--db: {path} is not a SQLite database", error.Trim());
        Assert.Equal("shopping list\n", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Demo_DataDirThatIsAFile_IsOneLine_Exit2()
    {
        string file = Path.Combine(Folder(), "not-a-folder");
        await File.WriteAllTextAsync(file, "x", TestContext.Current.CancellationToken);

        (int exitCode, _, string error) = await CliRunner.RunAsync("demo", "--data-dir", file, "--http-port", "0", "--hj212-port", "0");

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"--data-dir: cannot make the folder {file}: ", error.Trim(), StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task SimulateRegister_NoMnAssignedBeforeTheRunEnds_SaysSoAndExits3()
    {
        // A listener that accepts and never answers: the loggers announce themselves and wait.
        using TcpListener silent = Occupied();

        (int exitCode, string output, string error) = await CliRunner.RunAsync(
            "simulate", "--port", PortOf(silent).ToString(), "--edition", "2025", "--register", "--stations", "2", "--duration", "1");

        Assert.Equal(3, exitCode);
        Assert.Contains("loggers waiting for an MN (assign them under /api/v1/stations/pending): QS212-00001, QS212-00002", output, StringComparison.Ordinal);
        Assert.Contains("loggers registered:     0 (MN assigned), 2 still without an MN", output, StringComparison.Ordinal);
        Assert.Equal("2 of 2 loggers were assigned no MN before the run ended", error.Trim());
    }

    [Fact]
    public async Task Simulate_NothingListening_SaysSoAndExits3_AfterItsAttempts()
    {
        int port;
        using (TcpListener closed = Occupied())
        {
            port = PortOf(closed);
        }

        (int exitCode, string output, string error) = await CliRunner.RunAsync("simulate", "--port", port.ToString(), "--connect-attempts", "2");

        Assert.Equal(3, exitCode);
        Assert.Contains("stations unreachable:   5", output, StringComparison.Ordinal);
        Assert.Equal($"cannot connect to 127.0.0.1:{port}: 5 of 5 stations gave up after 2 attempts (is a server listening there? see --port)", error.Trim());
    }

    [Theory]
    [InlineData("--packets", "-5", "--packets: must be 1–100000000")]
    [InlineData("--packets", "999999999999", "--packets: must be 1–100000000")]
    [InlineData("--stations", "-1", "--stations: must be positive")]
    [InlineData("--rate", "1e300", "--rate: must be 0–100000 packets per second")]
    [InlineData("--rate", "NaN", "--rate: must be 0–100000 packets per second")]
    [InlineData("--interval", "1e300", "--interval: must be 0–527040 minutes")]
    [InlineData("--duration", "1e300", "--duration: must be more than 0 and at most 31622400 seconds")]
    [InlineData("--clock-skew", "1e300", "--clock-skew: must be within ±527040 minutes")]
    [InlineData("--window", "0", "--window: must be 1–1000")]
    [InlineData("--port", "70000", "--port: must be 1–65535")]
    [InlineData("--time-scale", "0", "--time-scale: must be more than 0 and at most 100000")]
    [InlineData("--time-scale", "NaN", "--time-scale: must be more than 0 and at most 100000")]
    [InlineData("--edition", "2024", "--edition: must be 2025, 2017 or 2005")]
    [InlineData("--sm4-key", "0123456789ABCDEFFEDCBA9876543210", "--sm4-key: only with --edition 2025 (earlier editions do not encrypt)")]
    [InlineData("--sm4-key", "0123", "--sm4-key: must be 32 hexadecimal digits (a 128-bit SM4 key)\n--sm4-key: only with --edition 2025 (earlier editions do not encrypt)")]
    [InlineData("--register", "true", "--register: only with --edition 2025 (earlier editions have no device registration)")]
    public async Task Simulate_AbsurdSize_IsAUsageErrorNamingTheOption(string option, string value, string message)
    {
        (int exitCode, _, string error) = await CliRunner.RunAsync("simulate", option, value);

        Assert.Equal(2, exitCode);
        Assert.Equal(message, error.Trim());
    }

    [Fact]
    public async Task SimulateBasin_OutInAFolderThatDoesNotExist_IsAUsageError()
    {
        string missing = Path.Combine(Folder(), "nowhere");

        (int exitCode, _, string error) = await CliRunner.RunAsync("simulate", "basin", "--stations", "3", "--out", Path.Combine(missing, "b.json"));

        Assert.Equal(2, exitCode);
        Assert.Equal($"--out: the folder {missing} does not exist", error.Trim());
    }

    [Theory]
    [InlineData("--interval", "0", "--interval: must be 0.1–3600 seconds")]
    [InlineData("--interval", "1e300", "--interval: must be 0.1–3600 seconds")]
    [InlineData("--http-port", "70000", "--http-port: must be 0–65535")]
    [InlineData("--hj212-port", "-1", "--hj212-port: must be 0–65535")]
    public async Task Demo_AbsurdOption_IsAUsageErrorNamingIt(string option, string value, string message)
    {
        (int exitCode, _, string error) = await CliRunner.RunAsync("demo", option, value);

        Assert.Equal(2, exitCode);
        Assert.Equal(message, error.Trim());
    }
}
