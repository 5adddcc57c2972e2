using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qingshui.Domain.Access;
using Qingshui.Server.Accounts;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Accounts;

public sealed class SessionClaimsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SessionCookie_CarriesTheUsersNameAndPasswordStampOnly_WhileTheSessionShowsRolesAndOrganisation()
    {
        await using TestHost host = await TestHost.StartAsync();
        await Members.AddAsync(host, "hn-finance", "hunan", Role.Finance, Role.Viewer, Role.Reviewer);
        using HttpClient client = Members.Client(host);

        HttpResponseMessage signIn = await client.SignInAsync("hn-finance", Members.Password);
        string cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AccountsSetup.CookieName + "=", StringComparison.Ordinal));
        string value = cookie[(AccountsSetup.CookieName.Length + 1)..cookie.IndexOf(';', StringComparison.Ordinal)];
        AuthenticationTicket ticket = host.Server.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(CookieAuthenticationDefaults.AuthenticationScheme).TicketDataFormat.Unprotect(value)!;
        HttpResponseMessage session = await client.GetAsync("/api/v1/session", Ct);

        StoredUser stored = (await host.Server.Services.GetRequiredService<IAccountStore>().FindUserAsync("hn-finance", Ct))!;
        Assert.Equal([(ClaimTypes.Name, "hn-finance"), (SessionClaims.Stamp, SessionClaims.StampOf(stored))],
            ticket.Principal.Claims.Select(c => (c.Type, c.Value)));
        // The name under the default name claim type costs the ticket one byte instead of the claim type's URI: the same
        // ticket in the earlier layout (the name as a NameIdentifier claim) makes a cookie longer by at least a cipher block.
        string earlier = EarlierLayout(host, stored, ticket.Properties);
        Assert.True(value.Length + 64 <= earlier.Length, $"the session cookie is {value.Length} characters, in the earlier layout {earlier.Length}");
        Assert.Equal(16, SessionClaims.StampOf(stored).Length);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal("hunan", (await session.BodyAsync()).GetProperty("organisation").GetString());
        Assert.Equal(3, (await session.BodyAsync()).GetProperty("roles").GetArrayLength());
        Assert.False(session.Headers.Contains("Set-Cookie"), "an unchanged session re-issued its cookie");
    }

    [Fact]
    public async Task SessionCookie_OfTheEarlierLayout_NamingTheHolderByNameIdentifier_IsStillASession()
    {
        // Given a cookie made as sessions were before the name moved to the default name claim type
        await using TestHost host = await TestHost.StartAsync();
        await Members.AddAsync(host, "hn-finance", "hunan", Role.Finance);
        StoredUser stored = (await host.Server.Services.GetRequiredService<IAccountStore>().FindUserAsync("hn-finance", Ct))!;
        string cookie = EarlierLayout(host, stored, new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow, ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) });
        using HttpClient client = Api.ApiClient.For(host);
        client.DefaultRequestHeaders.Add("Cookie", $"{AccountsSetup.CookieName}={cookie}");

        // When it asks who is signed in
        HttpResponseMessage session = await client.GetAsync("/api/v1/session", Ct);

        // Then it is the user's session
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal(("hn-finance", "hunan"), ((await session.BodyAsync()).GetProperty("name").GetString(), (await session.BodyAsync()).GetProperty("organisation").GetString()));
    }

    // A session cookie as it was made before the name moved to the default name claim type: named by a NameIdentifier claim.
    private static string EarlierLayout(TestHost host, StoredUser stored, AuthenticationProperties properties)
    {
        var identity = new ClaimsIdentity(CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.NameIdentifier, ClaimTypes.Role);
        identity.AddClaims([new Claim(ClaimTypes.NameIdentifier, stored.Account.Name), new Claim(SessionClaims.Stamp, SessionClaims.StampOf(stored))]);
        return host.Server.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme)
            .TicketDataFormat.Protect(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    [Fact]
    public async Task SignIn_WithABearerHeaderToo_SignsInWithTheSessionCookie()
    {
        await using TestHost host = await TestHost.StartAsync();
        await Members.AddAsync(host, "hn-finance", "hunan", Role.Finance);
        using HttpClient client = Members.Client(host);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-token");

        HttpResponseMessage signIn = await client.SignInAsync("hn-finance", Members.Password);

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AccountsSetup.CookieName + "=", StringComparison.Ordinal));
    }
}
