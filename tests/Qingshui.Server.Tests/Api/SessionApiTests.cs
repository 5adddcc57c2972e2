using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Server.Accounts;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Api;

public sealed class SessionApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignIn_RightPassword_SetsAStrictHttpOnlyCookie_AndWhoAmINamesTheUser()
    {
        await using TestHost host = await TestHost.StartAsync();
        await Members.AddAsync(host, "hn-finance", "hunan", Role.Finance, Role.Viewer);
        using HttpClient client = Members.Client(host);

        HttpResponseMessage signIn = await client.SignInAsync("hn-finance", Members.Password);
        JsonElement session = (await client.GetAsync("/api/v1/session", Ct)).StatusCode == HttpStatusCode.OK
            ? JsonDocument.Parse(await client.GetStringAsync("/api/v1/session", Ct)).RootElement : default;

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        string cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AccountsSetup.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(AccessProblems.AntiforgeryHeader, (await signIn.BodyAsync()).GetProperty("antiforgery").GetProperty("headerName").GetString());
        Assert.Equal("hn-finance", session.GetProperty("name").GetString());
        Assert.Equal("hunan", session.GetProperty("organisation").GetString());
        Assert.Equal("hunan", session.GetProperty("jurisdiction").GetString());
        Assert.Equal(["viewer", "finance"], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task WhoAmI_OfAnOrganisationNamedApartFromItsJurisdiction_SaysTheJurisdictionItActsFor()
    {
        // Given Hunan's provincial organisation under an id of its own, and the joint office
        await using TestHost host = await TestHost.StartAsync();
        IAccountStore store = host.Server.Services.GetRequiredService<IAccountStore>();
        await store.AddOrganisationAsync(new Organisation("hunan-dee", new("湖南省生态环境厅", "Hunan DEE"), OrganisationKind.Jurisdiction, "hunan"), Ct);
        await Members.AddAsync(host, "hn-dee-finance", "hunan-dee", Role.Finance);
        await Members.AddAsync(host, "joint-viewer", "joint-office", Role.Viewer);

        // Then the session says which jurisdiction each acts for: the dashboard's sign-off buttons follow it
        foreach ((string name, string? jurisdiction) in new[] { ("hn-dee-finance", "hunan"), ("joint-viewer", (string?)null) })
        {
            using HttpClient client = Members.Client(host);
            Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(name, Members.Password)).StatusCode);
            JsonElement session = JsonDocument.Parse(await client.GetStringAsync("/api/v1/session", Ct)).RootElement;
            Assert.Equal(jurisdiction, session.GetProperty("jurisdiction").GetString());
        }
    }

    [Fact]
    public async Task WhoAmI_WithoutSession_Is401ProblemSayingHowToSignIn()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = Members.Client(host);

        HttpResponseMessage response = await client.GetAsync("/api/v1/session", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("POST /api/v1/session", (await response.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPasswordAndUnknownName_GiveTheSame401()
    {
        await using TestHost host = await TestHost.StartAsync();
        await Members.AddAsync(host, "hn-finance", "hunan", Role.Finance);
        using HttpClient client = Members.Client(host);

        HttpResponseMessage wrongPassword = await client.SignInAsync("hn-finance", "not the password at all");
        HttpResponseMessage unknownName = await client.SignInAsync("nobody-here", "not the password at all");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownName.StatusCode);
        Assert.Equal(WithoutTraceId(await wrongPassword.BodyAsync()), WithoutTraceId(await unknownName.BodyAsync()));
        Assert.False(wrongPassword.Headers.Contains("Set-Cookie"));
    }

    // Everything but the per-request trace id.
    private static string WithoutTraceId(JsonElement problem) =>
        string.Join("\n", problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_Is403AndKeepsTheSession_WithTheToken_EndsIt()
    {
        await using TestHost host = await TestHost.StartAsync();
        await Members.AddAsync(host, "hn-viewer", "hunan", Role.Viewer);
        using HttpClient client = Members.Client(host);
        await client.SignInAsync("hn-viewer", Members.Password);

        HttpResponseMessage forged = await client.DeleteAsync("/api/v1/session", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains(AccessProblems.AntiforgeryHeader, (await forged.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/session", Ct)).StatusCode);

        string token = JsonDocument.Parse(await client.GetStringAsync("/api/v1/session/antiforgery", Ct)).RootElement.GetProperty("token").GetString()!;
        using var signOut = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/session");
        signOut.Headers.Add(AccessProblems.AntiforgeryHeader, token);
        HttpResponseMessage done = await client.SendAsync(signOut, Ct);

        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/session", Ct)).StatusCode);
    }

    [Fact]
    public async Task SignIn_AfterMaxFailures_RefusesEvenTheRightPassword_UntilTheLockEnds()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 1, 0, 0, TimeSpan.Zero));
        await using TestHost host = await TestHost.StartAsync(
            configure: o => o with { SignInLockout = new LockoutPolicy(3, TimeSpan.FromMinutes(10)), SignInPermits = 100 }, clock: clock);
        await Members.AddAsync(host, "jx-finance", "jiangxi", Role.Finance);
        using HttpClient client = Members.Client(host);

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync("jx-finance", "wrong password " + i)).StatusCode);
        }

        HttpResponseMessage locked = await client.SignInAsync("jx-finance", Members.Password);
        clock.Advance(TimeSpan.FromMinutes(9));
        HttpResponseMessage stillLocked = await client.SignInAsync("jx-finance", Members.Password);
        clock.Advance(TimeSpan.FromMinutes(1));
        HttpResponseMessage unlocked = await client.SignInAsync("jx-finance", Members.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stillLocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        UserAccount account = (await host.Server.Services.GetRequiredService<IAccountStore>().FindUserAsync("jx-finance", Ct))!.Account;
        Assert.Equal((0, (DateTimeOffset?)null), (account.FailedSignIns, account.LockedUntil));
    }

    [Fact]
    public async Task SignIn_DisabledUser_IsRefused_AndDisablingEndsAnOpenSession()
    {
        await using TestHost host = await TestHost.StartAsync();
        await Members.AddAsync(host, "hn-operator", "hunan", Role.Operator);
        using HttpClient client = Members.Client(host);
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync("hn-operator", Members.Password)).StatusCode);

        await host.Server.Services.GetRequiredService<IAccountStore>().UpdateUserAsync("hn-operator", a => a with { Disabled = true }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/session", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync("hn-operator", Members.Password)).StatusCode);
    }

    [Fact]
    public async Task SignIn_BeyondTheRateLimit_Is429WithRetryAfter()
    {
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { SignInPermits = 3, SignInWindow = TimeSpan.FromMinutes(5) });
        using HttpClient client = Members.Client(host);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (int i = 0; i < 5; i++)
        {
            last = await client.SignInAsync("someone", "a guess of a password");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        Assert.True(last.Headers.RetryAfter is not null, "429 without Retry-After");
    }

    [Fact]
    public async Task SignIn_MissingFields_IsAValidationProblemNamingThem()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = Members.Client(host);

        HttpResponseMessage response = await client.SignInAsync("", "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement errors = (await response.BodyAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _) && errors.TryGetProperty("password", out _), errors.ToString());
    }

    [Fact]
    public async Task SignIn_WithAnOlderHashFormat_ReplacesTheStoredHash()
    {
        await using TestHost host = await TestHost.StartAsync();
        await Members.AddAsync(host, "hn-viewer", "hunan", Role.Viewer);
        IAccountStore store = host.Server.Services.GetRequiredService<IAccountStore>();
        UserAccount account = (await store.FindUserAsync("hn-viewer", Ct))!.Account;
        var v2 = new Microsoft.AspNetCore.Identity.PasswordHasher<UserAccount>(Microsoft.Extensions.Options.Options.Create(
            new Microsoft.AspNetCore.Identity.PasswordHasherOptions { CompatibilityMode = Microsoft.AspNetCore.Identity.PasswordHasherCompatibilityMode.IdentityV2 }));
        string old = v2.HashPassword(account, Members.Password);
        await store.SetPasswordHashAsync("hn-viewer", old, Ct);
        using HttpClient client = Members.Client(host);

        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync("hn-viewer", Members.Password)).StatusCode);

        string stored = (await store.FindUserAsync("hn-viewer", Ct))!.PasswordHash;
        Assert.NotEqual(old, stored);
        Assert.Equal((true, false), host.Server.Services.GetRequiredService<Passwords>().Verify(account, stored, Members.Password));
    }

    [Fact]
    public async Task Session_AfterRolesChangeInTheStore_ShowsTheNewRoles()
    {
        await using TestHost host = await TestHost.StartAsync();
        await Members.AddAsync(host, "hn-viewer", "hunan", Role.Viewer);
        using HttpClient client = Members.Client(host);
        await client.SignInAsync("hn-viewer", Members.Password);

        await host.Server.Services.GetRequiredService<IAccountStore>().UpdateUserAsync("hn-viewer", a => a with { Roles = new HashSet<Role> { Role.Viewer, Role.Reviewer } }, Ct);
        JsonElement session = JsonDocument.Parse(await client.GetStringAsync("/api/v1/session", Ct)).RootElement;

        Assert.Equal(["viewer", "reviewer"], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public void SessionCookie_IsSecureWheneverTheRequestIsHttps()
    {
        var services = new ServiceCollection().AddLogging().AddAccounts(new ServerOptions { Basin = TestHost.Preset, DatabasePath = "unused" }, TimeProvider.System).BuildServiceProvider();
        var cookie = services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme).Cookie;

        Assert.Equal(Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest, cookie.SecurePolicy);
        Assert.Equal(Microsoft.AspNetCore.Http.SameSiteMode.Strict, cookie.SameSite);
        Assert.True(cookie.HttpOnly);
    }

    [Fact]
    public async Task ReadEndpoints_StayOpenWithoutSignIn()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = Members.Client(host);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/basins", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/stations", Ct)).StatusCode);
    }
}
