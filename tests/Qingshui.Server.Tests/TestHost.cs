using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;
using Qingshui.Server.Accounts;
using Qingshui.Storage;

namespace Qingshui.Server.Tests;

/// <summary>A real server on loopback (HJ 212 and HTTP on free ports) with its own database file, deleted afterwards.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    private readonly string _directory;
    private readonly ServerOptions _options;

    /// <summary>The level of public reads a server has when nothing sets it (the test host itself opens every read).</summary>
    public static PublicReads DefaultPublicRead => new ServerOptions { Basin = Preset, DatabasePath = "unused.db" }.PublicRead;
    private readonly TimeProvider? _clock;
    private readonly Func<IReadingStore, IReadingStore>? _decorateStore;

    private TestHost(QingshuiServer server, string directory, ListLogger logs, ServerOptions options, TimeProvider? clock, Func<IReadingStore, IReadingStore>? decorateStore)
    {
        Server = server;
        _directory = directory;
        Logs = logs;
        _options = options;
        _clock = clock;
        _decorateStore = decorateStore;
    }

    public QingshuiServer Server { get; private set; }

    public ListLogger Logs { get; }

    public int Port => Server.Hj212EndPoint.Port;

    public IReadingStore Store => Server.Services.GetRequiredService<IReadingStore>();

    public static Basin Preset { get; } = BasinPresets.Load("pingshui-lushui");

    public static async Task<TestHost> StartAsync(
        Basin? basin = null, Func<ServerOptions, ServerOptions>? configure = null, Func<IReadingStore, IReadingStore>? decorateStore = null,
        TimeProvider? clock = null, Action<IServiceCollection>? services = null)
    {
        string directory = Directory.CreateTempSubdirectory("qingshui-server-").FullName;
        var options = new ServerOptions
        {
            Basin = basin ?? Preset,
            DatabasePath = Path.Combine(directory, "qingshui.db"),
            Hj212Port = 0,
            HttpPort = 0,
            FullSync = false,

            // Tests send packets of fixed dates (2024): they must stay inside the DataTime window in the years to come.
            DataTimeBehind = TimeSpan.FromDays(100 * 366),

            // Most tests read stations and statements unsigned; what each level of public reads opens is tested on its own
            // (AuthorizationMatrixTests.PublicRead), with the default level among them.
            PublicRead = PublicReads.All,

            // No yearly joint-meeting reminder unless a test asks for one: it would add a notice to every host past 30 June.
            JointMeetings = new Server.Joint.JointMeetingSettings { MinimumMeetingsPerYear = 0 },
        };
        options = configure?.Invoke(options) ?? options;
        var logs = new ListLogger();
        QingshuiServer server = await QingshuiServer.StartAsync(options, logging => logging.AddProvider(logs), clock, decorateStore,
            cancellationToken: TestContext.Current.CancellationToken, configureServices: s =>
            {
                FewHashIterations(s);
                services?.Invoke(s);
            });
        return new TestHost(server, directory, logs, options, clock, decorateStore);
    }

    // Accounts are hashed and checked with Identity's hasher as in production, with fewer PBKDF2 iterations: hundreds of
    // tests add and sign in members, and at the default count each hash costs tens of milliseconds of a shared core.
    // The default count itself is tested in PasswordsTests.
    private static void FewHashIterations(IServiceCollection services) =>
        services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1_000);

    /// <summary>Stops the server and starts another on the same database file (new ports), as a restart of the process would.</summary>
    public async Task RestartAsync(Func<ServerOptions, ServerOptions>? configure = null)
    {
        await Server.StopAsync();
        await Server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        ServerOptions options = configure?.Invoke(_options) ?? _options;
        Server = await QingshuiServer.StartAsync(options, logging => logging.AddProvider(Logs), _clock, _decorateStore,
            cancellationToken: TestContext.Current.CancellationToken, configureServices: FewHashIterations);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync();
        await Server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
