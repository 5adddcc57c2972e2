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
        Assert.Equal([(ClaimTypes.NameIdentifier, "hn-finance"), (SessionClaims.Stamp, SessionClaims.StampOf(stored))],
            ticket.Principal.Claims.Select(c => (c.Type, c.Value)));
        Assert.Equal(16, SessionClaims.StampOf(stored).Length);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal("hunan", (await session.BodyAsync()).GetProperty("organisation").GetString());
        Assert.Equal(3, (await session.BodyAsync()).GetProperty("roles").GetArrayLength());
        Assert.False(session.Headers.Contains("Set-Cookie"), "an unchanged session re-issued its cookie");
    }
}
