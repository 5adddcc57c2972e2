using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Compensation;
using Qingshui.Server.Accounts;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Api;

/// <summary>The party check holds for integrations too: a finance token acts for its own organisation's side only.</summary>
public sealed partial class LedgerApiTests
{
    private static async Task<HttpClient> FinanceTokenAsync(TestHost host, string organisation)
    {
        (string id, string secret, string text) = TokenSecrets.Issue();
        ApiToken token = ApiToken.Create(id, organisation, [Role.Finance], "bank bridge",
            host.Server.Services.GetRequiredService<TimeProvider>().GetUtcNow(), TimeSpan.FromDays(30)).Token!;
        Assert.Equal(AccountWrite.Added, await host.Server.Services.GetRequiredService<ITokenStore>().AddTokenAsync(token, TokenSecrets.Hash(secret), Ct));
        HttpClient client = Members.Client(host);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", text);
        return client;
    }

    [Theory]
    [InlineData("2024-03")]
    [InlineData("2024-Q1")]
    [InlineData("2024")]
    public async Task Confirm_TheOtherPartysSide_WithAFinanceToken_Is403_AuditedAsTheToken_AndRecordsNothing(string period)
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");
        Assert.Equal(HttpStatusCode.OK, (await hunan.DecideAsync("2024-03")).StatusCode);
        using HttpClient jiangxi = await FinanceTokenAsync(host, "jiangxi");

        HttpResponseMessage forged = await jiangxi.ConfirmAsync(period, party: "hunan");

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        AuditRecord refusal = (await AuditAsync(host))[^1].Record;
        Assert.StartsWith("token:", refusal.Actor, StringComparison.Ordinal);
        Assert.Equal(("jiangxi", "ledger.confirm", AuditOutcome.Refused), (refusal.Organisation, refusal.Action, refusal.Outcome));
        Assert.False((await LedgerDesk.LedgerAsync(host)).ConfirmationsOf(LedgerJson.ParsePeriod(period)).ContainsKey("hunan"));
    }

    [Fact]
    public async Task Confirm_OwnSide_WithAFinanceToken_IsRecordedForTheTokensParty()
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");
        Assert.Equal(HttpStatusCode.OK, (await hunan.DecideAsync("2024-03")).StatusCode);
        using HttpClient jiangxi = await FinanceTokenAsync(host, "jiangxi");

        Assert.Equal(HttpStatusCode.OK, (await jiangxi.ConfirmAsync("2024-03")).StatusCode);

        Assert.Equal(["jiangxi"], (await LedgerDesk.LedgerAsync(host)).ConfirmationsOf(March).Keys);
    }
}
