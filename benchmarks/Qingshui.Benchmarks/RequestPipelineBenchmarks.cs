using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Domain.Presets;
using Qingshui.Server;
using Qingshui.Server.Accounts;
using Qingshui.Storage;

namespace Qingshui.Benchmarks;

/// <summary>
/// What authentication costs the server per request, without a network or a client: the host's whole request pipeline
/// (compression, query check, authentication, authorization, routing, the endpoint, the response written to a null
/// stream) run in process on one thread, for the question the load script asks (a section-month of hourly values,
/// answered from the response cache), anonymous, with a session cookie and with a bearer token, in the same run.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project benchmarks/Qingshui.Benchmarks -- --filter '*RequestPipeline*'</c>. The time per
/// request on one thread is its CPU; the allocations column counts what each kind adds.
/// </remarks>
[MemoryDiagnoser]
public class RequestPipelineBenchmarks
{
    private const string Member = "hn-viewer";
    private const string Password = "correct horse battery";

    private string _directory = "";
    private QingshuiServer? _server;
    private PipelineCapture _pipeline = null!;
    private string _path = "";
    private string _query = "";
    private string _cookie = "";
    private string _bearer = "";

    /// <summary>The level of public reads: <c>basin</c> (the default) opens the question to anyone; <c>none</c> makes it a members' read.</summary>
    [Params("basin", "none")]
    public string PublicRead { get; set; } = "basin";

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task<int> Anonymous() => _pipeline.GetAsync(_path, _query, cookie: null, authorization: null);

    [Benchmark]
    public Task<int> SessionCookie() => _pipeline.GetAsync(_path, _query, _cookie, authorization: null);

    [Benchmark]
    public Task<int> BearerToken() => _pipeline.GetAsync(_path, _query, cookie: null, _bearer);

    private async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("qingshui-pipeline-").FullName;
        _pipeline = new PipelineCapture();
        var options = new ServerOptions
        {
            Basin = BasinPresets.Load("pingshui-lushui"),
            DatabasePath = Path.Combine(_directory, "qingshui.db"),
            Hj212Port = 0,
            HttpPort = 0,
            FullSync = false,
            PublicRead = PublicReadEndpoints.ByText[PublicRead],
        };
        _server = await QingshuiServer.StartAsync(options, configureServices: _pipeline.Install);
        await AddMemberAsync(_server.Services);

        // Sign in and issue a token over real HTTP, as a browser and an integrator would.
        using var http = new HttpClient { BaseAddress = new Uri($"http://{_server.HttpEndPoint}") };
        HttpResponseMessage signIn = await http.PostAsJsonAsync("/api/v1/session", new { name = Member, password = Password });
        signIn.EnsureSuccessStatusCode();
        _cookie = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(AccountsSetup.CookieName + "=", StringComparison.Ordinal));
        _bearer = "Bearer " + await IssueTokenAsync(_server.Services);

        DateTimeOffset month = new DateTimeOffset(DateTimeOffset.UtcNow.Year, DateTimeOffset.UtcNow.Month, 1, 0, 0, 0, TimeSpan.FromHours(8)).AddMonths(-1);
        _path = $"/api/v1/sections/{options.Basin.Sections[0].Id}/series";
        _query = "?parameter=w21003&interval=hour&from=" + Uri.EscapeDataString(month.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture))
            + "&to=" + Uri.EscapeDataString(month.AddMonths(1).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));

        // Each kind must be what it claims, and the question answered (then kept in the response cache).
        Expect(401, await _pipeline.GetAsync("/api/v1/session", "", null, null), "anonymous session");
        Expect(200, await _pipeline.GetAsync("/api/v1/session", "", _cookie, null), "cookie session");
        Expect(200, await _pipeline.GetAsync("/api/v1/session", "", null, _bearer), "token session");
        Expect(PublicRead == "none" ? 401 : 200, await Anonymous(), "anonymous question");
        Expect(200, await SessionCookie(), "cookie question");
        Expect(200, await BearerToken(), "token question");
    }

    private static void Expect(int status, int got, string what)
    {
        if (status != got)
        {
            throw new InvalidOperationException($"{what}: {got}, expected {status}");
        }
    }

    private static async Task AddMemberAsync(IServiceProvider services)
    {
        IAccountStore store = services.GetRequiredService<IAccountStore>();
        await store.AddOrganisationAsync(new Organisation("hunan", new("湖南", "Hunan"), OrganisationKind.Jurisdiction, "hunan"), CancellationToken.None);
        UserAccount account = UserAccount.Create(Member, null, "hunan", [Role.Viewer]).Account!;
        await store.AddUserAsync(account, services.GetRequiredService<Passwords>().Hash(account, Password), CancellationToken.None);
    }

    private static async Task<string> IssueTokenAsync(IServiceProvider services)
    {
        (string id, string secret, string text) = TokenSecrets.Issue();
        (ApiToken? token, _) = ApiToken.Create(id, "hunan", [Role.Viewer], "pipeline", DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        await services.GetRequiredService<ITokenStore>().AddTokenAsync(token!, TokenSecrets.Hash(secret), CancellationToken.None);
        return text;
    }
}
