using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Audit;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Accounts;

/// <summary>Endpoint metadata: the audit action a write is recorded under, also when it is refused before it runs.</summary>
internal sealed record AuditedAs(string Action);

/// <summary>
/// Turns a refusal by an endpoint's policy into a problem that says what is missing (which role, for whom), and
/// records a refused write in the audit log. No one signed in goes the default way: the cookie's challenge, a 401 problem.
/// </summary>
internal sealed class AccessDenials(IAuditStore audit, TimeProvider clock) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden || context.User.Identity?.IsAuthenticated != true)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        string detail = Describe(context, authorizeResult.AuthorizationFailure);
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await RecordRefusedWriteAsync(context, audit, clock, detail);
        }

        await AccessProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "Not allowed", detail);
    }

    /// <summary>
    /// Records a write refused before its endpoint ran (by a policy, or for a missing antiforgery token) under the
    /// endpoint's <see cref="AuditedAs"/> action, else <c>http.&lt;method&gt;</c>.
    /// </summary>
    public static Task RecordRefusedWriteAsync(HttpContext context, IAuditStore audit, TimeProvider clock, string detail)
    {
        string action = context.GetEndpoint()?.Metadata.GetMetadata<AuditedAs>()?.Action ?? $"http.{context.Request.Method.ToLowerInvariant()}";
        return audit.AppendAsync(AuditRecord.Create(clock.GetUtcNow(), ActorOf(context), action, TargetOf(context),
            AuditOutcome.Refused, detail, null, null), context.RequestAborted);
    }

    /// <summary>Who acts in a request: the signed-in user, its organisation, and the client's address.</summary>
    public static AuditActor ActorOf(HttpContext context) => new(SessionClaims.Name(context.User), SessionClaims.OrganisationOf(context.User),
        context.Connection.RemoteIpAddress?.ToString());

    // The ledger's own way of naming what is acted on (agreement/period, agreement/year), else the path.
    private static string TargetOf(HttpContext context)
    {
        RouteValueDictionary route = context.Request.RouteValues;
        return route.TryGetValue("id", out object? id) && (route.TryGetValue("period", out object? on) || route.TryGetValue("year", out on))
            ? $"{id}/{on}" : context.Request.Path.Value ?? "";
    }

    private static string Describe(HttpContext context, AuthorizationFailure? failure)
    {
        string who = $"Signed in as '{SessionClaims.Name(context.User)}' of organisation '{SessionClaims.OrganisationOf(context.User)}' with roles "
            + $"[{string.Join(", ", SessionClaims.Roles(context.User))}]";
        IEnumerable<string> missing = (failure?.FailedRequirements ?? []).Select(r => r switch
        {
            RolesAuthorizationRequirement roles => $"this needs the role {string.Join(" or ", roles.AllowedRoles)}",
            _ => $"this needs {r}",
        }).Concat((failure?.FailureReasons ?? []).Select(r => r.Message));
        return $"{who}: {string.Join("; ", missing.DefaultIfEmpty("this is not allowed"))}.";
    }
}
