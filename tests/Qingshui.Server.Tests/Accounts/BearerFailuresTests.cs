using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Domain.Audit;
using Qingshui.Server.Accounts;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Accounts;

public sealed class BearerFailuresTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 1, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> IssueAsync(TestHost host)
    {
        await Members.AddAsync(host, "someone", "hunan", Role.Viewer);
        (string id, string secret, string text) = TokenSecrets.Issue();
        ApiToken token = ApiToken.Create(id, "hunan", [Role.Viewer], "bridge", host.Server.Services.GetRequiredService<TimeProvider>().GetUtcNow(), TimeSpan.FromDays(30)).Token!;
        await host.Server.Services.GetRequiredService<ITokenStore>().AddTokenAsync(token, TokenSecrets.Hash(secret), Ct);
        return text;
    }

    private static Task<HttpResponseMessage> SessionAsync(HttpClient client, string bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/session");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client.SendAsync(request, Ct);
    }

    private static AuditRecord[] Refusals(IEnumerable<AuditEntry> entries) => [.. entries.Select(e => e.Record).Where(r => r.Action == BearerFailures.AuditAction)];

    [Fact]
    public async Task RefusedTokens_AFlood_IsAuditedOncePerWindow_TheRestCountedInOneLogLine()
    {
        var clock = new ManualClock(Start);
        await using TestHost host = await TestHost.StartAsync(clock: clock, configure: o => o with { BearerFailurePermits = 1000 });
        using HttpClient client = Members.Client(host);

        for (int i = 0; i < 30; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SessionAsync(client, $"qs_t00000000000{i % 10}_guess{i}")).StatusCode);
        }

        AuditRecord[] audited = Refusals(await Admins.AuditAsync(host));
        clock.Advance(TimeSpan.FromMinutes(1));
        await SessionAsync(client, "not-a-token");

        AuditRecord first = Assert.Single(audited);
        Assert.Equal(("token:t000000000000", "127.0.0.1", AuditOutcome.Refused), (first.Actor, first.RemoteAddress, first.Outcome));
        Assert.Equal("The bearer token is unknown or wrong.", first.Reason);
        Assert.Equal(2, Refusals(await Admins.AuditAsync(host)).Length);
        Assert.Contains(host.Logs.Entries, e => e.EventId == 5201 && e.Message.StartsWith("29 further refused bearer tokens from 127.0.0.1", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains("guess", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefusedTokens_OverTheLimit_Are429WithRetryAfter_EvenForAValidToken_UntilTheWindowEnds()
    {
        var clock = new ManualClock(Start);
        await using TestHost host = await TestHost.StartAsync(clock: clock, configure: o => o with { BearerFailurePermits = 3 });
        string valid = await IssueAsync(host);
        using HttpClient client = Members.Client(host);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SessionAsync(client, $"qs_t00000000000{i}_guess")).StatusCode);
        }

        clock.Advance(TimeSpan.FromSeconds(20));
        HttpResponseMessage limited = await SessionAsync(client, valid);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(40), limited.Headers.RetryAfter?.Delta);
        Assert.Contains("refused bearer tokens from this address", (await limited.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(HttpStatusCode.OK, (await SessionAsync(client, valid)).StatusCode);
    }

    [Fact]
    public async Task ValidTokens_AreNeitherCountedNorAudited()
    {
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { BearerFailurePermits = 1 });
        string valid = await IssueAsync(host);
        using HttpClient client = Members.Client(host);

        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SessionAsync(client, valid)).StatusCode);
        }

        Assert.Empty(Refusals(await Admins.AuditAsync(host)));
    }
}
