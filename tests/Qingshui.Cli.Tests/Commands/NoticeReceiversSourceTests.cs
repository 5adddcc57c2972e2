using Microsoft.Data.Sqlite;
using Qingshui.Cli.Commands;
using Qingshui.Server.Notices;

namespace Qingshui.Cli.Tests.Commands;

public sealed class NoticeReceiversSourceTests : IDisposable
{
    private const string Secret = "abc-shared-secret-0000";
    private readonly string _directory = Directory.CreateTempSubdirectory("qingshui-notices-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Serve_ABadReceiversFile_ExitsWithInvalidInputNamingEachField_WithoutTheSecrets_BeforeListening()
    {
        string file = Path.Combine(_directory, "notices.json");
        await File.WriteAllTextAsync(file, $$"""
            { "format": "qingshui-notice-receivers/1",
              "receivers": [ { "name": "duty", "type": "webhook", "url": "https://oapi.dingtalk.com/robot/send?access_token=tok-999", "secret": "{{Secret}}", "timeoutSeconds": 0 },
                             { "name": "mail", "type": "email", "host": "smtp.example.cn", "password": "mail-pass-777", "from": "a@b.cn", "to": { "hunan": ["x"] } } ] }
            """, TestContext.Current.CancellationToken);

        (int exitCode, string output, string error) = await CliRunner.RunAsync(
            "serve", "--db", Path.Combine(_directory, "q.db"), "--hj212-port", "0", "--http-port", "0", "--notices", file);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("$.receivers[0].timeoutSeconds: must be a number from 1 to 120", error, StringComparison.Ordinal);
        Assert.Contains("$.receivers[1].user: user and password go together", error, StringComparison.Ordinal);
        Assert.Contains("$.receivers[1].to.hunan[0]: 'x' is not an e-mail address", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error, StringComparison.Ordinal);
        Assert.DoesNotContain("mail-pass-777", error, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-999", error, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_AMissingReceiversFile_IsInvalidInput()
    {
        (int exitCode, _, string error) = await CliRunner.RunAsync(
            "serve", "--db", Path.Combine(_directory, "q.db"), "--hj212-port", "0", "--http-port", "0", "--notices", Path.Combine(_directory, "none.json"));

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("none.json: no such file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_AGoodFile_GivesItsReceivers_AndNoFileGivesNone()
    {
        string file = Path.Combine(_directory, "notices.json");
        await File.WriteAllTextAsync(file, $$"""
            { "format": "qingshui-notice-receivers/1",
              "receivers": [ { "name": "duty", "type": "webhook", "url": "https://example.cn/hook", "secret": "{{Secret}}" } ] }
            """, TestContext.Current.CancellationToken);
        using var error = new StringWriter();

        NoticeSettings? settings = await NoticeReceiversSource.LoadAsync(new FileInfo(file), error, TestContext.Current.CancellationToken);
        NoticeSettings? none = await NoticeReceiversSource.LoadAsync(null, error, TestContext.Current.CancellationToken);

        Assert.Equal(["duty"], settings!.Receivers.Select(r => r.Name));
        Assert.Same(NoticeSettings.None, none);
        Assert.Equal("", error.ToString());
    }
}
