using Microsoft.Data.Sqlite;

namespace Qingshui.Cli.Tests.Commands;

public sealed class ReviewLevelsSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("qingshui-levels-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Serve_ABadReviewLevelsFile_ExitsWithInvalidInputNamingTheField_BeforeListening()
    {
        string levels = Path.Combine(_directory, "levels.json");
        await File.WriteAllTextAsync(levels, """
            { "format": "qingshui-review-levels/1", "levels": [ { "id": "city", "reviewers": { "guangdong": "gd" } } ] }
            """, TestContext.Current.CancellationToken);

        (int exitCode, string output, string error) = await CliRunner.RunAsync(
            "serve", "--db", Path.Combine(_directory, "q.db"), "--hj212-port", "0", "--http-port", "0", "--review-levels", levels);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("$.levels[0].reviewers.guangdong: 'guangdong' is neither a station MN nor a jurisdiction id of basin 'pingshui-lushui'", error,
            StringComparison.Ordinal);
        Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "q.db")));
    }
}
