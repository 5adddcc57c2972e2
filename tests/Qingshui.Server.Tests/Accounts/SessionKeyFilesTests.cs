using System.Net;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Access;
using Qingshui.Server.Accounts;

namespace Qingshui.Server.Tests.Accounts;

public sealed class SessionKeyFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("qingshui-keys-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServerOptions Options => new()
    {
        Basin = TestHost.Preset, DatabasePath = Path.Combine(_directory, "qingshui.db"), Hj212Port = 0, HttpPort = 0, FullSync = false,
    };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static HttpClient Client(QingshuiServer server, string? cookie = null)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri($"http://{server.HttpEndPoint}") };
        if (cookie is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", cookie);
        }

        return client;
    }

    private static async Task<string> SignInAsync(QingshuiServer server)
    {
        using HttpClient client = Client(server);
        HttpResponseMessage signIn = await client.SignInAsync("hn-viewer", Members.Password);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        string cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AccountsSetup.CookieName + "=", StringComparison.Ordinal));
        return cookie[..cookie.IndexOf(';', StringComparison.Ordinal)];
    }

    [Fact]
    public async Task SessionCookie_FromBeforeARestart_StillSignsInAfterIt_OnTheSameDataDirectory()
    {
        string cookie;
        await using (TestHost host = await TestHost.StartAsync(configure: _ => Options))
        {
            await Members.AddAsync(host, "hn-viewer", "hunan", Role.Viewer);
            cookie = await SignInAsync(host.Server);
            await host.Server.StopAsync(Ct);
        }

        await using QingshuiServer restarted = await QingshuiServer.StartAsync(Options, cancellationToken: Ct);
        using HttpClient client = Client(restarted, cookie);
        HttpResponseMessage session = await client.GetAsync("/api/v1/session", Ct);

        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal("hn-viewer", (await session.BodyAsync()).GetProperty("name").GetString());
        await restarted.StopAsync(Ct);
    }

    [Fact]
    public async Task KeyFiles_LiveInTheDataDirectory_ReadableByTheOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes: not on Windows");
            return;
        }

        await using (TestHost host = await TestHost.StartAsync(configure: _ => Options))
        {
            await Members.AddAsync(host, "hn-viewer", "hunan", Role.Viewer);
            await SignInAsync(host.Server);
            await host.Server.StopAsync(Ct);
        }

        string keys = Path.Combine(_directory, "session-keys");
        string[] files = Directory.GetFiles(keys);
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.EndsWith(".xml", file, StringComparison.Ordinal));
        foreach (string file in files)
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
    }
}
