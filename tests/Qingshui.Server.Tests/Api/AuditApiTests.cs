using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Domain.Audit;
using Qingshui.Server.Accounts;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Tests.Api;

public sealed class AuditApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Audit_JointOfficeAdmin_SeesEveryOrganisationsEntries()
    {
        await using TestHost host = await StartWithActsOfBothProvincesAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "office-admin");

        JsonElement page = await PageAsync(admin, "/api/v1/audit?limit=1000");

        Assert.Equal("all", page.GetProperty("scope").GetString());
        string[] organisations = [.. Entries(page).Select(e => e.GetProperty("organisation").GetString()!).Distinct().Order()];
        Assert.Equal(["", "hunan", "jiangxi"], organisations);
        Assert.Equal((await StoredAsync(host)).Count, Entries(page).Length);
    }

    [Fact]
    public async Task Audit_HunanFinance_SeesHunansEntriesOnly()
    {
        await using TestHost host = await StartWithActsOfBothProvincesAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");

        JsonElement page = await PageAsync(hunan, "/api/v1/audit?limit=1000");

        Assert.Equal("hunan", page.GetProperty("scope").GetString());
        JsonElement[] entries = Entries(page);
        Assert.Equal((await StoredAsync(host)).Count(e => e.Record.Organisation == "hunan"), entries.Length);
        Assert.All(entries, e => Assert.Equal("hunan", e.GetProperty("organisation").GetString()));
        Assert.Contains(entries, e => e.GetProperty("actor").GetString() == "hn-finance" && e.GetProperty("action").GetString() == "ledger.confirm"
            && e.GetProperty("outcome").GetString() == "done" && e.GetProperty("remoteAddress").GetString() == "127.0.0.1");
    }

    [Fact]
    public async Task Audit_AdminOfAProvince_SeesItsOwnOrganisationsEntriesOnly()
    {
        await using TestHost host = await StartWithActsOfBothProvincesAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");

        JsonElement page = await PageAsync(admin, "/api/v1/audit?limit=1000");

        Assert.Equal("hunan", page.GetProperty("scope").GetString());
        Assert.NotEmpty(Entries(page));
        Assert.All(Entries(page), e => Assert.Equal("hunan", e.GetProperty("organisation").GetString()));
    }

    [Fact]
    public async Task Audit_BearerTokenOfJiangxi_SeesJiangxisEntriesOnly()
    {
        await using TestHost host = await StartWithActsOfBothProvincesAsync();
        (string id, string secret, string text) = TokenSecrets.Issue();
        ApiToken token = ApiToken.Create(id, "jiangxi", [Role.Viewer], "audit export",
            host.Server.Services.GetRequiredService<TimeProvider>().GetUtcNow(), TimeSpan.FromDays(1)).Token!;
        await host.Server.Services.GetRequiredService<ITokenStore>().AddTokenAsync(token, TokenSecrets.Hash(secret), Ct);
        using HttpClient bridge = Members.Client(host);
        bridge.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", text);

        JsonElement[] entries = Entries(await PageAsync(bridge, "/api/v1/audit?limit=1000"));

        Assert.Equal((await StoredAsync(host)).Count(e => e.Record.Organisation == "jiangxi"), entries.Length);
        Assert.Contains(entries, e => e.GetProperty("outcome").GetString() == "refused" && e.GetProperty("actor").GetString() == "jx-finance");
        Assert.All(entries, e => Assert.Equal("jiangxi", e.GetProperty("organisation").GetString()));
    }

    [Fact]
    public async Task Audit_Anonymous_Is401ProblemSayingSignIn()
    {
        await using TestHost host = await StartWithActsOfBothProvincesAsync();
        using HttpClient anonymous = Members.Client(host);

        HttpResponseMessage response = await anonymous.GetAsync("/api/v1/audit", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sign in", (await response.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_PagedByBefore_WalksEveryEntryNewestFirst_OnceEach()
    {
        await using TestHost host = await StartWithActsOfBothProvincesAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "office-admin");
        long[] stored = [.. (await StoredAsync(host)).Select(e => e.Sequence).OrderDescending()];
        Assert.True(stored.Length > 4, $"only {stored.Length} entries");

        var walked = new List<long>();
        string url = "/api/v1/audit?limit=3";
        while (true)
        {
            JsonElement page = await PageAsync(admin, url);
            JsonElement[] entries = Entries(page);
            Assert.True(entries.Length <= 3);
            walked.AddRange(entries.Select(e => e.GetProperty("sequence").GetInt64()));
            if (page.GetProperty("nextBefore").ValueKind == JsonValueKind.Null)
            {
                break;
            }

            url = $"/api/v1/audit?limit=3&before={page.GetProperty("nextBefore").GetInt64()}";
        }

        Assert.Equal(stored, walked);
    }

    [Fact]
    public async Task Audit_FilteredByActorAndAction_ListsOnlyThoseEntries()
    {
        await using TestHost host = await StartWithActsOfBothProvincesAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "office-admin");

        JsonElement[] entries = Entries(await PageAsync(admin, "/api/v1/audit?actor=jx-finance&action=ledger.decide"));

        int expected = (await StoredAsync(host)).Count(e => e.Record is { Actor: "jx-finance", Action: "ledger.decide" });
        Assert.True(expected > 0);
        Assert.Equal(expected, entries.Length);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("before=-3", "before")]
    [InlineData("before=x", "before")]
    public async Task Audit_BadParameter_Is400NamingIt(string query, string field)
    {
        await using TestHost host = await StartWithActsOfBothProvincesAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");

        HttpResponseMessage response = await hunan.GetAsync("/api/v1/audit?" + query, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.BodyAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Audit_EntryThatNamedASecret_IsListedMasked()
    {
        await using TestHost host = await StartWithActsOfBothProvincesAsync();
        await host.Server.Services.GetRequiredService<IAuditStore>().AppendAsync(AuditRecord.Create(
            DateTimeOffset.UtcNow, new AuditActor("hn-operator", "hunan", "10.0.0.7"), "station.rotate", "43010001",
            AuditOutcome.Done, null, "{\"password\":\"old-secret-1\"}", "{\"password\":\"new-secret-2\"}"), Ct);
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");

        HttpResponseMessage response = await hunan.GetAsync("/api/v1/audit?action=station.rotate", Ct);

        string body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("station.rotate", body, StringComparison.Ordinal);
        Assert.DoesNotContain("old-secret-1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("new-secret-2", body, StringComparison.Ordinal);
    }

    /// <summary>The ledger desk, with acts of both provinces' finance made over the web, and admins of the office and Hunan.</summary>
    private static async Task<TestHost> StartWithActsOfBothProvincesAsync()
    {
        TestHost host = await LedgerDesk.StartAsync();
        await Members.AddAsync(host, "office-admin", "joint-office", Role.Admin);
        await Members.AddAsync(host, "hn-admin", "hunan", Role.Admin);
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-finance");
        Assert.Equal(HttpStatusCode.OK, (await hunan.DecideAsync("2024-03")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hunan.ConfirmAsync("2024-03")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await jiangxi.DecideAsync("2024-04")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await jiangxi.ConfirmAsync("2024-03", party: "hunan")).StatusCode);
        return host;
    }

    private static async Task<JsonElement> PageAsync(HttpClient client, string url)
    {
        HttpResponseMessage response = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.BodyAsync();
    }

    private static JsonElement[] Entries(JsonElement page) => [.. page.GetProperty("entries").EnumerateArray()];

    private static async Task<IReadOnlyList<AuditEntry>> StoredAsync(TestHost host) =>
        await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 1000, Ct);
}
