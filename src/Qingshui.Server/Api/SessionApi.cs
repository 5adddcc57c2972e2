using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Access;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Contracts;
using Qingshui.Storage;

namespace Qingshui.Server.Api;

/// <summary>
/// <c>/api/v1/session</c>: sign in (a cookie session), who is signed in, the antiforgery token, sign out.
/// Sign-in is rate-limited per remote address; every refusal answers the same 401.
/// </summary>
internal static class SessionApi
{
    public static RouteGroupBuilder MapSessionApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/session").WithTags("Session");
        group.MapPost("/", SignIn).AllowAnonymous().RequireRateLimiting(AccountsSetup.SignInRateLimit).WithName("SignIn")
            .WithSummary("Sign in with {name, password}: sets the session cookie (HttpOnly, SameSite=Strict) and returns the antiforgery token. "
                + "Wrong name or password, disabled or locked account: the same 401. Rate-limited per address (429).");
        group.MapGet("/", WhoAmI).RequireAuthorization().WithName("GetSession").WithSummary("Who is signed in: name, organisation, roles; 401 when no one.");
        group.MapGet("/antiforgery", Antiforgery).RequireAuthorization().WithName("GetAntiforgeryToken")
            .WithSummary($"The antiforgery token that writes with the session cookie carry in the {AccessProblems.AntiforgeryHeader} header.");
        group.MapDelete("/", (Func<HttpContext, Task<NoContent>>)SignOut).RequireAuthorization(Policies.Member).RequireAntiforgery().WithName("SignOut")
            .WithSummary($"Sign out (needs the {AccessProblems.AntiforgeryHeader} header).");
        return group;
    }

    private static async Task<Results<Ok<SignedInDto>, ValidationProblem, ProblemHttpResult>> SignIn(
        SignInRequest request, HttpContext context, SignInDesk desk, IAntiforgery antiforgery, IAccountStore accounts, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(request.Name))
        {
            errors["name"] = ["is required"];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["is required"];
        }
        else if (request.Password.Length > PasswordRules.MaxLength)
        {
            // Bounds the hashing work one request can ask for; says nothing about any account.
            errors["password"] = [$"must be at most {PasswordRules.MaxLength} characters"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        string remote = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (await desk.TryAsync(request.Name!, request.Password!, remote, cancellationToken) is not StoredUser signedIn)
        {
            return TypedResults.Problem(AccessProblems.SignInRefused, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in refused");
        }

        // Stamped with the hash as stored now (sign-in may have just upgraded it), so a later new password ends this session.
        ClaimsPrincipal principal = SessionClaims.Stamped(
            SessionClaims.For(signedIn.Account, CookieAuthenticationDefaults.AuthenticationScheme), signedIn);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);

        // The antiforgery token is bound to the signed-in user: issue it for the new principal, not the anonymous caller.
        context.User = principal;
        return TypedResults.Ok(new SignedInDto(await SessionAsync(principal, accounts, cancellationToken), Token(antiforgery, context)));
    }

    private static async Task<Ok<SessionDto>> WhoAmI(ClaimsPrincipal user, IAccountStore accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await SessionAsync(user, accounts, cancellationToken));

    private static Ok<AntiforgeryDto> Antiforgery(HttpContext context, IAntiforgery antiforgery) => TypedResults.Ok(Token(antiforgery, context));

    private static async Task<NoContent> SignOut(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    // The jurisdiction is read from the organisation as it stands, so the dashboard knows which party the user signs for.
    private static async Task<SessionDto> SessionAsync(ClaimsPrincipal user, IAccountStore accounts, CancellationToken cancellationToken)
    {
        string organisation = SessionClaims.OrganisationOf(user);
        Organisation? found = (await accounts.OrganisationsAsync(cancellationToken)).FirstOrDefault(o => o.Id == organisation);
        string? jurisdiction = found is { Kind: OrganisationKind.Jurisdiction } ? found.JurisdictionId : null;
        return new(SessionClaims.Name(user), SessionClaims.DisplayName(user), organisation, jurisdiction, SessionClaims.Roles(user));
    }

    private static AntiforgeryDto Token(IAntiforgery antiforgery, HttpContext context) =>
        new(AccessProblems.AntiforgeryHeader, antiforgery.GetAndStoreTokens(context).RequestToken!);
}
