using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qingshui.Domain.Access;
using Qingshui.Storage;

namespace Qingshui.Server.Accounts;

/// <summary>
/// <c>Authorization: Bearer qs_…</c>: authenticates as the token's organisation and roles, checked against the store
/// through <see cref="AccountCache"/> (a revocation through this server applies at once, one by another process within
/// <see cref="ServerOptions.AccountRecheck"/>); its expiry is checked on every request. A refusal is a 401 problem
/// that says why: not a token, unknown or wrong, expired, revoked. Logs name the token's id, never its text.
/// </summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, AccountCache cache, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Bearer";
    private const string HeaderPrefix = "Bearer ";

    public static bool Presents(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Presents(Request))
        {
            return AuthenticateResult.NoResult();
        }

        // Refusals are counted per address and audited sparingly (BearerFailures); over the limit, no lookup at all.
        string remote = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        BearerFailures failures = Context.RequestServices.GetRequiredService<BearerFailures>();
        if (failures.Blocked(remote) is TimeSpan wait)
        {
            BearerFailures.MarkLimited(Context, wait);
            return AuthenticateResult.Fail(failures.LimitDetail());
        }

        if (KeptAndMatched() is AuthenticateResult kept)
        {
            return kept;
        }

        AuthenticateResult result = await CheckTokenAsync(remote);
        if (result.Failure is not null)
        {
            await failures.RecordAsync(Context, remote, TokenSecrets.Parse(Request.Headers.Authorization.ToString()[HeaderPrefix.Length..].Trim())?.Id ?? "(none)",
                result.Failure.Message);
        }

        return result;
    }

    // The path of nearly every request: the token's entry is kept (AccountCache) and this secret already matched its hash,
    // so nothing is copied, read or hashed. Anything else (not kept, not matched before, not active) takes CheckTokenAsync.
    private AuthenticateResult? KeptAndMatched()
    {
        ReadOnlySpan<char> text = Request.Headers.Authorization.ToString().AsSpan(HeaderPrefix.Length).Trim();
        if (!TokenSecrets.TryParse(text, out ReadOnlySpan<char> id, out ReadOnlySpan<char> secret)
            || cache.KeptToken(id) is not AccountCache.Entry<StoredToken> found
            || found.MatchedSecret is not string matched
            || !TokenSecrets.Same(secret, matched)
            || found.Stored.Token.StandingAt(clock.GetUtcNow()) != TokenStanding.Valid)
        {
            return null;
        }

        return AuthenticateResult.Success(new AuthenticationTicket(found.Principal, SchemeName));
    }

    private async Task<AuthenticateResult> CheckTokenAsync(string remote)
    {
        if (TokenSecrets.Parse(Request.Headers.Authorization.ToString()[HeaderPrefix.Length..].Trim()) is not (string id, string secret))
        {
            Log.TokenRefused(Logger, "(none)", remote, "not a Qingshui token");
            return AuthenticateResult.Fail("The bearer token is not a Qingshui API token (qs_…).");
        }

        AccountCache.Entry<StoredToken>? found = await cache.TokenAsync(id, Context.RequestAborted);
        StoredToken? stored = found?.Stored;
        if (stored is null || !TokenSecrets.Matches(secret, stored.SecretHash))
        {
            Log.TokenRefused(Logger, id, remote, stored is null ? "no such token" : "wrong secret");
            return AuthenticateResult.Fail("The bearer token is unknown or wrong.");
        }

        found!.MatchedSecret = secret;

        ApiToken token = stored.Token;
        switch (token.StandingAt(clock.GetUtcNow()))
        {
            case TokenStanding.Revoked:
                Log.TokenRefused(Logger, id, remote, "revoked");
                return AuthenticateResult.Fail($"The bearer token {id} was revoked; ask an admin of {token.Organisation} for a new one.");
            case TokenStanding.Expired:
                Log.TokenRefused(Logger, id, remote, "expired");
                return AuthenticateResult.Fail(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"The bearer token {id} expired at {token.Expires:O}; ask an admin of {token.Organisation} for a new one."));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(found!.Principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        AuthenticateResult result = await HandleAuthenticateOnceSafeAsync();
        if (BearerFailures.LimitedFor(Context) is TimeSpan wait)
        {
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await AccessProblems.WriteAsync(Context, StatusCodes.Status429TooManyRequests, "Too many refused bearer tokens", result.Failure!.Message);
            return;
        }

        Response.Headers.WWWAuthenticate = SchemeName;
        await AccessProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Bearer token refused",
            result.Failure?.Message ?? "This needs a valid bearer token: Authorization: Bearer qs_….");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AccessProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Not allowed",
            $"Token {SessionClaims.Name(Context.User)} of {SessionClaims.OrganisationOf(Context.User)} with roles "
            + $"{string.Join(", ", SessionClaims.Roles(Context.User))}: none of them allows this.");
}
