using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Server.Accounts;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Accounts;

public sealed class BearerTokenTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 1, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Issues a token straight into the host's store, as 'qingshui tokens issue' does; returns its id and text.
    private static async Task<(string Id, string Text)> IssueAsync(TestHost host, string organisation, TimeSpan lifetime, params Role[] roles)
    {
        await Members.AddAsync(host, "someone-" + organisation, organisation, Role.Viewer);
        (string id, string secret, string text) = TokenSecrets.Issue();
        ApiToken token = ApiToken.Create(id, organisation, roles, "data bridge", host.Server.Services.GetRequiredService<TimeProvider>().GetUtcNow(), lifetime).Token!;
        Assert.Equal(AccountWrite.Added, await host.Server.Services.GetRequiredService<ITokenStore>().AddTokenAsync(token, TokenSecrets.Hash(secret), Ct));
        return (id, text);
    }

    private static HttpClient Client(TestHost host, string? bearer)
    {
        HttpClient client = Members.Client(host);
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    [Fact]
    public async Task Session_WithValidToken_AnswersAsTheTokensOrganisationAndRoles()
    {
        await using TestHost host = await TestHost.StartAsync();
        (string id, string text) = await IssueAsync(host, "hunan", TimeSpan.FromDays(90), Role.Operator, Role.Viewer);
        using HttpClient client = Client(host, text);

        HttpResponseMessage response = await client.GetAsync("/api/v1/session", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement session = await response.BodyAsync();
        Assert.Equal("token:" + id, session.GetProperty("name").GetString());
        Assert.Equal("data bridge", session.GetProperty("displayName").GetString());
        Assert.Equal("hunan", session.GetProperty("organisation").GetString());
        Assert.Equal(["viewer", "operator"], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Session_WithExpiredToken_Is401ProblemSayingItExpired()
    {
        var clock = new ManualClock(Start);
        await using TestHost host = await TestHost.StartAsync(clock: clock);
        (string id, string text) = await IssueAsync(host, "hunan", TimeSpan.FromDays(1), Role.Viewer);
        using HttpClient client = Client(host, text);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/session", Ct)).StatusCode);

        clock.Advance(TimeSpan.FromDays(1));
        HttpResponseMessage response = await client.GetAsync("/api/v1/session", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        string detail = (await response.BodyAsync()).GetProperty("detail").GetString()!;
        Assert.Contains($"token {id} expired", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_WithRevokedToken_Is401ProblemSayingItWasRevoked_FromTheNextRequest()
    {
        await using TestHost host = await TestHost.StartAsync();
        (string id, string text) = await IssueAsync(host, "jiangxi", TimeSpan.FromDays(90), Role.Viewer);
        using HttpClient client = Client(host, text);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/session", Ct)).StatusCode);

        // Revoked as the server's own revocation does it: stored, then announced to authentication.
        await host.Server.Services.GetRequiredService<ITokenStore>().RevokeTokenAsync(id, DateTimeOffset.UtcNow, Ct);
        host.Server.Services.GetRequiredService<AccountChanges>().TokenChanged(id);
        HttpResponseMessage response = await client.GetAsync("/api/v1/session", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains($"token {id} was revoked", (await response.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData("unknown-id")]
    [InlineData("not-a-token")]
    public async Task Session_WithWrongToken_Is401Problem(string kind)
    {
        await using TestHost host = await TestHost.StartAsync();
        (string id, string text) = await IssueAsync(host, "hunan", TimeSpan.FromDays(90), Role.Viewer);
        string presented = kind switch
        {
            "wrong-secret" => text[..^4] + (text.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"),
            "unknown-id" => text.Replace(id, "t000000000000", StringComparison.Ordinal),
            _ => "eyJhbGciOiJIUzI1NiJ9.e30.x",
        };
        using HttpClient client = Client(host, presented);

        HttpResponseMessage response = await client.GetAsync("/api/v1/session", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task WrongToken_WithAValidSessionCookie_IsRefused_NotSignedInByTheCookie()
    {
        await using TestHost host = await TestHost.StartAsync();
        await Members.AddAsync(host, "hn-viewer", "hunan", Role.Viewer);
        using HttpClient client = Members.Client(host);
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync("hn-viewer", Members.Password)).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "qs_t000000000000_nothing");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/session", Ct)).StatusCode);
    }

    [Fact]
    public async Task Token_AcceptedOnce_ThenPresentedWithAnotherSecret_IsRefused_AndTheRightOneStillWorks()
    {
        await using TestHost host = await TestHost.StartAsync();
        (_, string text) = await IssueAsync(host, "hunan", TimeSpan.FromDays(90), Role.Viewer);
        using HttpClient right = Client(host, text);
        using HttpClient wrong = Client(host, text[..^1] + (text.EndsWith('A') ? "B" : "A"));
        using HttpClient longer = Client(host, text + "A");

        // The first answer keeps the token and the secret that matched it; the others must still be compared with it.
        Assert.Equal(HttpStatusCode.OK, (await right.GetAsync("/api/v1/session", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/v1/session", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await longer.GetAsync("/api/v1/session", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await right.GetAsync("/api/v1/session", Ct)).StatusCode);
    }

    [Fact]
    public async Task Write_WithBearerToken_NeedsNoAntiforgeryToken()
    {
        await using TestHost host = await TestHost.StartAsync();
        (_, string text) = await IssueAsync(host, "hunan", TimeSpan.FromDays(90), Role.Viewer);
        using HttpClient client = Client(host, text);

        // DELETE /api/v1/session is a write guarded by antiforgery for cookie sessions (see SessionApiTests).
        HttpResponseMessage response = await client.DeleteAsync("/api/v1/session", Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task TokenText_IsNeitherInTheStoreFile_NorInTheLogs()
    {
        string database;
        string text;
        string secret;
        await using (TestHost host = await TestHost.StartAsync())
        {
            database = host.Server.Services.GetRequiredService<ServerOptions>().DatabasePath;
            (_, text) = await IssueAsync(host, "hunan", TimeSpan.FromDays(90), Role.Viewer);
            secret = TokenSecrets.Parse(text)!.Value.Secret;
            using HttpClient client = Client(host, text);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/session", Ct)).StatusCode);
            using HttpClient wrong = Client(host, text[..^2] + "zz");
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/v1/session", Ct)).StatusCode);

            Assert.Contains(host.Logs.Entries, e => e.EventId == 5105);
            Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains(secret[..20], StringComparison.Ordinal));

            // Read the file while the host still has it: every table, every text or blob column.
            await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
            await connection.OpenAsync(Ct);
            byte[] raw = await File.ReadAllBytesAsync(database, Ct);
            string wal = File.Exists(database + "-wal") ? Convert.ToHexString(await File.ReadAllBytesAsync(database + "-wal", Ct)) : "";
            Assert.DoesNotContain(Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(secret[..20])), Convert.ToHexString(raw) + wal, StringComparison.Ordinal);
            using SqliteCommand dump = connection.CreateCommand();
            dump.CommandText = "SELECT hex(secret_hash) FROM api_tokens";
            Assert.Equal(Convert.ToHexString(TokenSecrets.Hash(secret)), (string)(await dump.ExecuteScalarAsync(Ct))!);
        }
    }
}
