using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Server.Accounts;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Accounts;

public sealed class AccountCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 1, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<TestHost> StartAsync(ManualClock clock, TimeSpan? recheck = null) =>
        TestHost.StartAsync(clock: clock, configure: o => o with { AccountRecheck = recheck ?? Recheck });

    private static async Task<HttpClient> SignedInAsync(TestHost host, string name, params Role[] roles)
    {
        await Members.AddAsync(host, name, "hunan", roles);
        HttpClient client = Members.Client(host);
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(name, Members.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/session", Ct)).StatusCode);
        return client;
    }

    private static Task DisableInStoreAsync(TestHost host, string name) =>
        host.Server.Services.GetRequiredService<IAccountStore>().UpdateUserAsync(name, a => a with { Disabled = true }, Ct);

    [Fact]
    public async Task Session_UserDisabledByAnotherProcess_IsRefusedOnceTheRecheckIntervalHasPassed()
    {
        var clock = new ManualClock(Start);
        await using TestHost host = await StartAsync(clock);
        using HttpClient client = await SignedInAsync(host, "hn-operator", Role.Operator);

        // As `qingshui users disable` does: the store changes, this server is not told.
        await DisableInStoreAsync(host, "hn-operator");
        HttpStatusCode within = (await client.GetAsync("/api/v1/session", Ct)).StatusCode;
        clock.Advance(Recheck);
        HttpStatusCode after = (await client.GetAsync("/api/v1/session", Ct)).StatusCode;

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (within, after));
    }

    [Fact]
    public async Task Session_UserDisabledThroughTheServer_IsRefusedAtOnce()
    {
        var clock = new ManualClock(Start);
        await using TestHost host = await StartAsync(clock);
        using HttpClient client = await SignedInAsync(host, "hn-operator", Role.Operator);

        await DisableInStoreAsync(host, "hn-operator");
        host.Server.Services.GetRequiredService<AccountChanges>().Changed("hn-operator");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/session", Ct)).StatusCode);
    }

    [Fact]
    public async Task Session_RolesChangedThroughTheServer_ApplyAtOnce()
    {
        var clock = new ManualClock(Start);
        await using TestHost host = await StartAsync(clock);
        using HttpClient client = await SignedInAsync(host, "hn-viewer", Role.Viewer);

        await host.Server.Services.GetRequiredService<IAccountStore>().UpdateUserAsync("hn-viewer", a => a with { Roles = new HashSet<Role> { Role.Viewer, Role.Finance } }, Ct);
        host.Server.Services.GetRequiredService<AccountChanges>().Changed("hn-viewer");
        JsonElement session = JsonDocument.Parse(await client.GetStringAsync("/api/v1/session", Ct)).RootElement;

        Assert.Equal(["viewer", "finance"], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Session_WithRecheckZero_SeesAChangeByAnotherProcessAtOnce()
    {
        var clock = new ManualClock(Start);
        await using TestHost host = await StartAsync(clock, TimeSpan.Zero);
        using HttpClient client = await SignedInAsync(host, "hn-operator", Role.Operator);

        await DisableInStoreAsync(host, "hn-operator");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/session", Ct)).StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Token_RevokedByAnotherProcess_IsRefusedAfterTheInterval_ThroughTheServer_AtOnce(bool throughTheServer)
    {
        var clock = new ManualClock(Start);
        await using TestHost host = await StartAsync(clock);
        await Members.AddAsync(host, "someone", "hunan", Role.Viewer);
        (string id, string secret, string text) = TokenSecrets.Issue();
        ApiToken token = ApiToken.Create(id, "hunan", [Role.Viewer], "bridge", Start, TimeSpan.FromDays(30)).Token!;
        await host.Server.Services.GetRequiredService<ITokenStore>().AddTokenAsync(token, TokenSecrets.Hash(secret), Ct);
        using HttpClient client = Members.Client(host);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", text);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/session", Ct)).StatusCode);

        await host.Server.Services.GetRequiredService<ITokenStore>().RevokeTokenAsync(id, Start, Ct);
        if (throughTheServer)
        {
            host.Server.Services.GetRequiredService<AccountChanges>().TokenChanged(id);
        }

        HttpStatusCode within = (await client.GetAsync("/api/v1/session", Ct)).StatusCode;
        clock.Advance(Recheck);
        HttpStatusCode after = (await client.GetAsync("/api/v1/session", Ct)).StatusCode;

        Assert.Equal((throughTheServer ? HttpStatusCode.Unauthorized : HttpStatusCode.OK, HttpStatusCode.Unauthorized), (within, after));
    }

    [Fact]
    public async Task User_AskedManyTimesWithinTheInterval_IsReadFromTheStoreOnce_AndAgainAfterIt_OrAfterAChange()
    {
        var clock = new ManualClock(Start);
        var store = new CountingAccounts(UserAccount.Create("hn-viewer", null, "hunan", [Role.Viewer]).Account!);
        var cache = new AccountCache(store, new NoTokens(), new ServerOptions { Basin = TestHost.Preset, DatabasePath = "unused", AccountRecheck = Recheck }, clock);
        var changes = new AccountChanges(cache);

        for (int i = 0; i < 100; i++)
        {
            Assert.NotNull(await cache.UserAsync("hn-viewer", Ct));
        }

        int first = store.Reads;
        clock.Advance(Recheck);
        await cache.UserAsync("hn-viewer", Ct);
        int afterInterval = store.Reads;
        changes.Changed("hn-viewer");
        await cache.UserAsync("hn-viewer", Ct);

        Assert.Equal((1, 2, 3), (first, afterInterval, store.Reads));
    }

    [Fact]
    public async Task User_NotInTheStore_IsNeverKept()
    {
        var clock = new ManualClock(Start);
        var store = new CountingAccounts(UserAccount.Create("hn-viewer", null, "hunan", [Role.Viewer]).Account!);
        var cache = new AccountCache(store, new NoTokens(), new ServerOptions { Basin = TestHost.Preset, DatabasePath = "unused", AccountRecheck = Recheck }, clock);

        Assert.Null(await cache.UserAsync("nobody", Ct));
        Assert.Null(await cache.UserAsync("nobody", Ct));

        Assert.Equal(2, store.Reads);
    }

    // Answers FindUserAsync for one account and counts the reads; nothing else is asked of it here.
    private sealed class CountingAccounts(UserAccount account) : IAccountStore
    {
        private int _reads;

        public int Reads => _reads;

        public Task<StoredUser?> FindUserAsync(string name, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return Task.FromResult(name == account.Name ? new StoredUser(account, "hash") : null);
        }

        public Task<AccountWrite> AddOrganisationAsync(Organisation organisation, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<Organisation>> OrganisationsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<AccountWrite> AddUserAsync(UserAccount account, string passwordHash, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<UserAccount>> UsersAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<UserAccount?> UpdateUserAsync(string name, Func<UserAccount, UserAccount> change, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> SetPasswordHashAsync(string name, string passwordHash, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<UserChange?> ChangeUserAsync(
            string name, Func<UserAccount, IReadOnlyList<UserAccount>, (UserAccount? After, string? Refusal)> decide, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }

    private sealed class NoTokens : ITokenStore
    {
        public Task<AccountWrite> AddTokenAsync(ApiToken token, byte[] secretHash, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<ApiToken>> TokensAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<StoredToken?> FindTokenAsync(string id, CancellationToken cancellationToken) => Task.FromResult<StoredToken?>(null);

        public Task<ApiToken?> RevokeTokenAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
