using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Domain.Audit;
using Qingshui.Server.Accounts;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Compensation;

namespace Qingshui.Server.Tests.Accounts;

/// <summary>Refused attempts that never reach an endpoint's own checks still reach the audit log: who, from where, why.</summary>
public sealed class RefusalAuditTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<IReadOnlyList<AuditRecord>> RefusedAsync(TestHost host, string action) =>
        [.. (await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 1000, Ct))
            .Select(e => e.Record).Where(r => r.Action == action && r.Outcome == AuditOutcome.Refused)];

    [Fact]
    public async Task CookieWrite_WithoutTheAntiforgeryHeader_IsAuditedAsRefused_UnderTheEndpointsAction()
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");
        hunan.DefaultRequestHeaders.Remove(AccessProblems.AntiforgeryHeader);

        Assert.Equal(HttpStatusCode.Forbidden, (await hunan.ConfirmAsync("2024-03")).StatusCode);

        AuditRecord refused = Assert.Single(await RefusedAsync(host, SettlementService.ConfirmAction));
        Assert.Equal(("hn-finance", "hunan", "lushui-2019/2024-03"), (refused.Actor, refused.Organisation, refused.Target));
        Assert.Contains(AccessProblems.AntiforgeryHeader, refused.Reason, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(refused.RemoteAddress));
    }

    [Fact]
    public async Task SignIn_WrongPassword_IsAuditedAsRefused_WithTheAccountsOrganisation_NeverThePassword()
    {
        await using TestHost host = await TestHost.StartAsync();
        await Members.AddAsync(host, "jx-finance", "jiangxi", Role.Finance);
        using HttpClient client = Members.Client(host);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync("jx-finance", "a guessed password 1")).StatusCode);

        AuditRecord refused = Assert.Single(await RefusedAsync(host, SignInDesk.RefusedAction));
        Assert.Equal(("jx-finance", "jiangxi", "wrong password"), (refused.Actor, refused.Organisation, refused.Reason));
        Assert.DoesNotContain("guessed", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_TheFailureThatLocks_AndEachWhileLocked_AreAuditedSayingSo()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 1, 0, 0, TimeSpan.Zero));
        await using TestHost host = await TestHost.StartAsync(
            configure: o => o with { SignInLockout = new LockoutPolicy(2, TimeSpan.FromMinutes(10)), SignInPermits = 100 }, clock: clock);
        await Members.AddAsync(host, "hn-finance", "hunan", Role.Finance);
        using HttpClient client = Members.Client(host);

        await client.SignInAsync("hn-finance", "wrong password one");
        await client.SignInAsync("hn-finance", "wrong password two");
        await client.SignInAsync("hn-finance", Members.Password);

        string?[] reasons = [.. (await RefusedAsync(host, SignInDesk.RefusedAction)).Select(r => r.Reason)];
        Assert.Equal(3, reasons.Length);
        Assert.Equal("wrong password", reasons[0]);
        Assert.StartsWith("wrong password; account locked until 2026-03-01T01:10:00", reasons[1], StringComparison.Ordinal);
        Assert.StartsWith("account locked until 2026-03-01T01:10:00", reasons[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nobody-here")]
    [InlineData("Passw0rd-2026")]
    [InlineData("My Secret Passw0rd!")]
    public async Task SignIn_UnknownName_IsAuditedAsRefused_AsAnUnknownAccount_NeverTheTextTried(string name)
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = Members.Client(host);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync(name, "whatever it is")).StatusCode);

        AuditRecord refused = Assert.Single(await RefusedAsync(host, SignInDesk.RefusedAction));
        Assert.Equal(("(unknown account)", "", "no such user"), (refused.Actor, refused.Organisation, refused.Reason));
        Assert.DoesNotContain(name, refused.ToString(), StringComparison.Ordinal);
    }
}
