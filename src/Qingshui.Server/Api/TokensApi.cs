using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Access;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Contracts;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Api.Paging;
using Qingshui.Storage;

namespace Qingshui.Server.Api;

/// <summary>
/// <c>/api/v1/tokens</c>: bearer API tokens, managed by an <c>admin</c> with the same checks as <c>qingshui tokens</c>, in
/// the same scope as users (see <see cref="Administration"/>). A token's text is answered once, at issue; the store keeps
/// only the hash of its secret, and no list or audit entry holds either.
/// </summary>
internal static class TokensApi
{
    public const string IssueAction = "tokens.issue";
    public const string RevokeAction = "tokens.revoke";

    public static RouteGroupBuilder MapTokensApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/tokens").WithTags("Tokens").RequireAuthorization(Policies.Of(Role.Admin));
        group.MapGet("/", List).WithCsv().WithName("ListTokens")
            .WithSummary("The tokens an admin manages: id, organisation, roles, name, dates, standing (never the token or its hash).");
        group.MapGet("/{id}", One).WithName("GetToken").WithSummary("One token the admin manages (never the token or its hash); 404 for any other.");
        group.MapPost("/", Issue).RequireAntiforgery().WithMetadata(new AuditedAs(IssueAction)).WithName("IssueToken")
            .WithSummary($"Issue a token {{name, organisation?, roles, expiresDays (1–{ApiToken.MaxLifetime.TotalDays:0})}}; its text is answered this once.");
        group.MapDelete("/{id}", Revoke).RequireAntiforgery().WithMetadata(new AuditedAs(RevokeAction)).WithName("RevokeToken")
            .WithSummary("Revoke a token: refused from its next request on.");
        return group;
    }

    internal static readonly PageList Listed = new("tokens", 1000, 1000);

    private static async Task<Results<Ok<TokenDto[]>, ProblemHttpResult, ValidationProblem>> List([AsParameters] AdminDesk desk, [AsParameters] Pager pager)
    {
        var errors = new Dictionary<string, string[]>();
        PageRequest page = pager.Read(Listed, "", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        (Organisation? admin, ProblemHttpResult? refusal) = await desk.ManagingAsync("tokens");
        if (admin is null)
        {
            return refusal!;
        }

        DateTimeOffset now = desk.Clock.GetUtcNow();
        return TypedResults.Ok(pager.Slice(page, Listed, "", (await desk.Tokens.TokensAsync(desk.Aborted)).Where(t => Administration.Manages(admin, t.Organisation)),
            t => t.Id).Select(t => AdminDesk.Dto(t, now)).ToArray());
    }

    private static async Task<Results<Ok<TokenDto>, ProblemHttpResult>> One(string id, [AsParameters] AdminDesk desk)
    {
        (Organisation? admin, ProblemHttpResult? refusal) = await desk.ManagingAsync("tokens");
        if (admin is null)
        {
            return refusal!;
        }

        return (await desk.Tokens.TokensAsync(desk.Aborted)).FirstOrDefault(t => t.Id == id && Administration.Manages(admin, t.Organisation)) is { } token
            ? TypedResults.Ok(AdminDesk.Dto(token, desk.Clock.GetUtcNow()))
            : BasinsApi.NotFoundProblem("token", id);
    }

    private static async Task<Results<Created<TokenIssuedDto>, ValidationProblem, ProblemHttpResult>> Issue(NewTokenRequest request, [AsParameters] AdminDesk desk)
    {
        Organisation? admin = await desk.AdminOrganisationAsync();
        var errors = new Dictionary<string, string[]>();
        List<Role> roles = AdminDesk.ParseRoles(request.Roles, errors);
        if (request.ExpiresDays is null)
        {
            // Required, not defaulted: whoever issues a token decides how long it lives.
            errors["expiresDays"] = [$"is required (1–{ApiToken.MaxLifetime.TotalDays:0} days)"];
        }

        DateTimeOffset now = desk.Clock.GetUtcNow();
        // The domain bounds the lifetime; the clamp only keeps an absurd number from overflowing TimeSpan before it can.
        (string id, string secret, string text) = TokenSecrets.Issue();
        (ApiToken? token, IReadOnlyList<AccessError> invalid) = ApiToken.Create(
            id, request.Organisation ?? admin?.Id, roles, request.Name, now, TimeSpan.FromDays(Math.Clamp(request.ExpiresDays ?? 1, -1, 100_000)));
        AdminDesk.AddErrors(errors, invalid.Where(e => (e.Field != "role" || !errors.ContainsKey("roles")) && (e.Field != "expires-days" || request.ExpiresDays is not null)));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (admin is null || !Administration.Manages(admin, token!.Organisation))
        {
            return await desk.OutOfScopeAsync(IssueAction, token!.Id, admin, token.Organisation, AdminDesk.Dto(token, now));
        }

        if (Administration.ProxyRefusal(admin, token.Organisation, token.Roles) is string proxy)
        {
            return await desk.RefuseAsync(IssueAction, token.Id, StatusCodes.Status403Forbidden, "Not allowed", proxy, AdminDesk.Dto(token, now));
        }

        switch (await desk.Tokens.AddTokenAsync(token, TokenSecrets.Hash(secret), desk.Aborted))
        {
            case AccountWrite.UnknownOrganisation:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["organisation"] = [$"no organisation '{token.Organisation}' in the store"] });
            case AccountWrite.Taken:
                return TypedResults.Problem("A token with the same id exists already; issue again.", statusCode: StatusCodes.Status409Conflict, title: "Id taken");
        }

        TokenDto dto = AdminDesk.Dto(token, now);
        await desk.DoneAsync(IssueAction, token.Id, null, dto);
        return TypedResults.Created("/api/v1/tokens", new TokenIssuedDto(dto, text));
    }

    private static async Task<Results<Ok<TokenDto>, ProblemHttpResult>> Revoke(string id, [AsParameters] AdminDesk desk)
    {
        Organisation? admin = await desk.AdminOrganisationAsync();
        if (await desk.Tokens.FindTokenAsync(id, desk.Aborted) is not StoredToken stored)
        {
            return TypedResults.Problem($"There is no token '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "No such token");
        }

        if (admin is null || !Administration.Manages(admin, stored.Token.Organisation))
        {
            return await desk.OutOfScopeAsync(RevokeAction, id, admin, stored.Token.Organisation);
        }

        DateTimeOffset now = desk.Clock.GetUtcNow();
        ApiToken revoked = await desk.Tokens.RevokeTokenAsync(id, now, desk.Aborted) ?? stored.Token;
        desk.Changes.TokenChanged(id);
        TokenDto dto = AdminDesk.Dto(revoked, now);
        await desk.DoneAsync(RevokeAction, id, AdminDesk.Dto(stored.Token, now), dto);
        return TypedResults.Ok(dto);
    }
}
