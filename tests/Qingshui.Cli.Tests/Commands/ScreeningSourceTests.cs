using Microsoft.Data.Sqlite;

namespace Qingshui.Cli.Tests.Commands;

public sealed class ScreeningSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("qingshui-screening-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Serve_ABadScreeningFile_ExitsWithInvalidInputNamingTheField_BeforeListening()
    {
        string rules = Path.Combine(_directory, "screening.json");
        await File.WriteAllTextAsync(rules, """
            { "format": "qingshui-screening/1", "parameters": [{ "parameter": "w21003", "stuck": { "count": 1 } }] }
            """, TestContext.Current.CancellationToken);

        (int exitCode, string output, string error) = await CliRunner.RunAsync(
            "serve", "--db", Path.Combine(_directory, "q.db"), "--hj212-port", "0", "--http-port", "0", "--screening", rules);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("$.parameters[0].stuck.count: required: a whole number from 2 to 10000", error, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "q.db")));
    }

    [Fact]
    public async Task Demo_AMissingScreeningFile_ExitsWithInvalidInput_SayingNoneIsTheOtherChoice()
    {
        (int exitCode, _, string error) = await CliRunner.RunAsync(
            "demo", "--data-dir", _directory, "--hj212-port", "0", "--http-port", "0", "--screening", Path.Combine(_directory, "absent.json"));

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("no such file (give a rules file, or 'none')", error, StringComparison.Ordinal);
    }
}
