using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Audit;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Api;

public sealed class TokensApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpClient Bearer(TestHost host, string text)
    {
        HttpClient client = Members.Client(host);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", text);
        return client;
    }

    [Fact]
    public async Task Issue_ProvinceAdmin_SecretAnsweredOnce_WorksAsBearer_NeverListedNorAudited()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");

        HttpResponseMessage response = await admin.IssueTokenAsync("hunan data bridge", null, ["operator"], 30);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonElement body = await response.BodyAsync();
        string secret = body.GetProperty("secret").GetString()!;
        string id = body.GetProperty("token").GetProperty("id").GetString()!;
        Assert.StartsWith($"qs_{id}_", secret, StringComparison.Ordinal);
        using HttpClient bridge = Bearer(host, secret);
        JsonElement session = await (await bridge.GetAsync("/api/v1/session", Ct)).BodyAsync();
        Assert.Equal(("hunan", "operator"), (session.GetProperty("organisation").GetString(), session.GetProperty("roles")[0].GetString()));

        string list = await admin.GetStringAsync("/api/v1/tokens", Ct);
        Assert.Contains(id, list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[(id.Length + 4)..], list, StringComparison.Ordinal);
        string audit = string.Join("\n", (await Admins.AuditAsync(host)).Select(e => $"{e.Record.Before} {e.Record.After} {e.Record.Reason}"));
        Assert.DoesNotContain(secret[(id.Length + 4)..], audit, StringComparison.Ordinal);
        AuditRecord issued = (await Admins.AuditAsync(host)).Select(e => e.Record).Last(r => r.Action == "tokens.issue");
        Assert.Equal(("hn-admin", id, AuditOutcome.Done), (issued.Actor, issued.Target, issued.Outcome));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(731)]
    public async Task Issue_ExpiryMissingOrOutOfBounds_Is400NamingExpiresDays(int? days)
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");

        HttpResponseMessage response = await admin.IssueTokenAsync("bridge", null, ["viewer"], days);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["expiresDays"], (await response.BodyAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Empty(await host.Server.Services.GetRequiredService<ITokenStore>().TokensAsync(Ct));
    }

    [Fact]
    public async Task Issue_ForTheOtherProvince_Is403Audited_JointOffice_May()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-admin");
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-admin");

        HttpResponseMessage refused = await hunan.IssueTokenAsync("bridge", "jiangxi", ["viewer"], 30);
        AuditRecord audit = await Admins.LastAuditAsync(host);
        HttpResponseMessage issued = await office.IssueTokenAsync("bridge", "jiangxi", ["viewer"], 30);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(("hn-admin", "tokens.issue", AuditOutcome.Refused), (audit.Actor, audit.Action, audit.Outcome));
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.Equal("jiangxi", Assert.Single(await host.Server.Services.GetRequiredService<ITokenStore>().TokensAsync(Ct)).Organisation);
    }

    [Fact]
    public async Task Issue_JointOfficeForAProvince_WithAFinanceRole_Is403Audited()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-admin");

        HttpResponseMessage refused = await office.IssueTokenAsync("signer", "jiangxi", ["viewer", "finance"], 30);
        AuditRecord audit = await Admins.LastAuditAsync(host);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(("office-admin", "tokens.issue", AuditOutcome.Refused), (audit.Actor, audit.Action, audit.Outcome));
        Assert.Empty(await host.Server.Services.GetRequiredService<ITokenStore>().TokensAsync(Ct));
    }

    [Fact]
    public async Task List_ProvinceAdmin_SeesItsOwnOrganisationsTokensOnly()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-admin");
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-admin");
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-admin");
        await hunan.IssueTokenAsync("hunan bridge", null, ["viewer"], 30);
        await jiangxi.IssueTokenAsync("jiangxi bridge", null, ["viewer"], 30);

        JsonElement own = await (await hunan.GetAsync("/api/v1/tokens", Ct)).BodyAsync();
        JsonElement all = await (await office.GetAsync("/api/v1/tokens", Ct)).BodyAsync();

        Assert.Equal(["hunan bridge"], own.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(["hunan bridge", "jiangxi bridge"], all.EnumerateArray().Select(t => t.GetProperty("name").GetString()).Order());
        Assert.All(all.EnumerateArray(), t => Assert.Equal("valid", t.GetProperty("standing").GetString()));
    }

    [Fact]
    public async Task Revoke_OwnOrganisationsToken_IsRefusedFromItsNextRequest_OtherProvince_Is403()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-admin");
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-admin");
        JsonElement issued = await (await hunan.IssueTokenAsync("bridge", null, ["viewer"], 30)).BodyAsync();
        string id = issued.GetProperty("token").GetProperty("id").GetString()!;
        using HttpClient bridge = Bearer(host, issued.GetProperty("secret").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await bridge.GetAsync("/api/v1/session", Ct)).StatusCode);

        HttpResponseMessage refused = await jiangxi.RevokeTokenAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await bridge.GetAsync("/api/v1/session", Ct)).StatusCode);
        HttpResponseMessage revoked = await hunan.RevokeTokenAsync(id);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal("revoked", (await revoked.BodyAsync()).GetProperty("standing").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await bridge.GetAsync("/api/v1/session", Ct)).StatusCode);
        AuditRecord audit = (await Admins.AuditAsync(host)).Select(e => e.Record).Last(r => r.Action == "tokens.revoke");
        Assert.Equal(("hn-admin", id, AuditOutcome.Done), (audit.Actor, audit.Target, audit.Outcome));
        Assert.Contains("\"standing\":\"valid\"", audit.Before, StringComparison.Ordinal);
        Assert.Contains("\"standing\":\"revoked\"", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_UnknownToken_Is404()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.RevokeTokenAsync("t000000000000")).StatusCode);
    }

    [Fact]
    public async Task Tokens_NonAdmin_Is403_AndAWriteIsAudited()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");

        HttpResponseMessage list = await viewer.GetAsync("/api/v1/tokens", Ct);
        HttpResponseMessage issue = await viewer.IssueTokenAsync("bridge", null, ["admin"], 30);

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, issue.StatusCode);
        AuditRecord audit = await Admins.LastAuditAsync(host);
        Assert.Equal(("hn-viewer", "tokens.issue", AuditOutcome.Refused), (audit.Actor, audit.Action, audit.Outcome));
        Assert.Empty(await host.Server.Services.GetRequiredService<ITokenStore>().TokensAsync(Ct));
    }
}
