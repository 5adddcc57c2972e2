using Microsoft.Data.Sqlite;

namespace Qingshui.Cli.Tests.Commands;

public sealed class AlertRulesSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("qingshui-rules-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Serve_ABadRulesFile_ExitsWithInvalidInputNamingTheField_BeforeListening()
    {
        string rules = Path.Combine(_directory, "rules.json");
        await File.WriteAllTextAsync(rules, """{ "format": "qingshui-alert-rules/1", "rules": [{ "id": "s", "kind": "silence" }] }""", TestContext.Current.CancellationToken);

        (int exitCode, string output, string error) = await CliRunner.RunAsync(
            "serve", "--db", Path.Combine(_directory, "q.db"), "--hj212-port", "0", "--http-port", "0", "--rules", rules);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("$.rules[0].silentMinutes: required for this kind of rule", error, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
    }
}
