using Microsoft.Data.Sqlite;

namespace Qingshui.Cli.Tests.Commands;

public sealed class JointMonitoringSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("qingshui-joint-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Serve_ABadJointMonitoringFile_ExitsWithInvalidInputNamingTheField_BeforeListening()
    {
        string file = Path.Combine(_directory, "joint.json");
        await File.WriteAllTextAsync(file, """{ "format": "qingshui-joint-monitoring/1", "tolerances": [{ "item": "NH3N", "relative": -0.2 }] }""",
            TestContext.Current.CancellationToken);

        (int exitCode, string output, string error) = await CliRunner.RunAsync(
            "serve", "--db", Path.Combine(_directory, "q.db"), "--hj212-port", "0", "--http-port", "0", "--joint-monitoring", file);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("$.tolerances[0].relative: must be a number from 0 to 10", error, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
    }
}
