using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Qingshui.Domain.Access;
using Qingshui.Domain.Audit;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Contracts;
using Qingshui.Storage;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Api;

/// <summary>
/// What the users' and tokens' endpoints need: the stores, the password hasher, the clock, the request, and
/// <see cref="AccountChanges"/> to tell authentication at once of a user or token they changed.
/// </summary>
internal sealed record AdminDesk(
    [FromServices] IAccountStore Accounts, [FromServices] ITokenStore Tokens, [FromServices] IAuditStore Audit, [FromServices] Passwords Passwords,
    [FromServices] TimeProvider Clock, [FromServices] AccountChanges Changes, HttpContext Context)
{
    private const int MaxRoleWords = 16;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public ClaimsPrincipal User => Context.User;

    public CancellationToken Aborted => Context.RequestAborted;

    /// <summary>The admin's organisation as stored now (read per request, as the party check does); <c>null</c> when it has none.</summary>
    public async Task<Organisation?> AdminOrganisationAsync()
    {
        string id = SessionClaims.OrganisationOf(User);
        return (await Accounts.OrganisationsAsync(Aborted)).FirstOrDefault(o => o.Id == id);
    }

    /// <summary>The admin's organisation, or the 403 saying it manages none of <paramref name="what"/> (a list asked by an admin the store does not place).</summary>
    public async Task<(Organisation? Admin, ProblemHttpResult? Refusal)> ManagingAsync(string what) =>
        await AdminOrganisationAsync() is Organisation admin ? (admin, null)
            : (null, TypedResults.Problem(NoOrganisation(what), statusCode: StatusCodes.Status403Forbidden, title: "Not allowed"));

    /// <summary>Records a refused write and answers it as a problem.</summary>
    public async Task<ProblemHttpResult> RefuseAsync(string action, string target, int status, string title, string reason, object? attempted = null)
    {
        await Audit.AppendAsync(AuditRecord.Create(Clock.GetUtcNow(), AccessDenials.ActorOf(Context), action, target, AuditOutcome.Refused, reason,
            null, attempted is null ? null : JsonSerializer.Serialize(attempted, Json)), Aborted);
        return TypedResults.Problem(reason, statusCode: status, title: title);
    }

    /// <summary>A write refused by the admin's scope (another organisation's user or token), recorded.</summary>
    public Task<ProblemHttpResult> OutOfScopeAsync(string action, string target, Organisation? admin, string organisation, object? attempted = null) =>
        RefuseAsync(action, target, StatusCodes.Status403Forbidden, "Not allowed", admin is null
            ? NoOrganisation("users or tokens") : Administration.ScopeRefusal(admin, organisation)!, attempted);

    private string NoOrganisation(string what) =>
        $"Signed in as '{SessionClaims.Name(User)}' with no organisation in the store: this manages no organisation's {what}.";

    /// <summary>Records a write that was done, with the state before and after (never a secret: the records hold none).</summary>
    public Task DoneAsync(string action, string target, object? before, object? after) =>
        Audit.AppendAsync(AuditRecord.Create(Clock.GetUtcNow(), AccessDenials.ActorOf(Context), action, target, AuditOutcome.Done, null,
            before is null ? null : JsonSerializer.Serialize(before, Json), after is null ? null : JsonSerializer.Serialize(after, Json)), Aborted);

    /// <summary>The roles the words name; each word that is no role is an error on <c>roles</c>.</summary>
    public static List<Role> ParseRoles(string[]? words, Dictionary<string, string[]> errors)
    {
        var roles = new List<Role>();
        if (words is { Length: > MaxRoleWords })
        {
            // Bounds the work and the answer: there are only six roles to name.
            errors["roles"] = [$"must name at most {MaxRoleWords} roles ({string.Join(", ", RoleNames.All)})"];
            return roles;
        }

        var unknown = new List<string>();
        foreach (string word in words ?? [])
        {
            if (RoleNames.TryParse(word, out Role role))
            {
                roles.Add(role);
            }
            else
            {
                unknown.Add($"'{word}' is not a role ({string.Join(", ", RoleNames.All)})");
            }
        }

        if (unknown.Count > 0)
        {
            errors["roles"] = [.. unknown];
        }

        return roles;
    }

    /// <summary>The domain's refusals as field errors, under the wire's field names (<c>display-name</c> is <c>displayName</c>).</summary>
    public static void AddErrors(Dictionary<string, string[]> errors, IEnumerable<AccessError> refusals)
    {
        foreach (AccessError error in refusals)
        {
            string field = error.Field switch
            {
                "role" => "roles",
                "display-name" => "displayName",
                "expires-days" => "expiresDays",
                _ => error.Field,
            };
            errors[field] = errors.TryGetValue(field, out string[]? earlier) ? [.. earlier, error.Message] : [error.Message];
        }
    }

    public static UserDto Dto(UserAccount user, DateTimeOffset now) => new(user.Name, user.DisplayName, user.Organisation,
        [.. user.Roles.Order().Select(RoleNames.Text)], user.Disabled, user.IsLockedAt(now) ? user.LockedUntil : null);

    public static TokenDto Dto(ApiToken token, DateTimeOffset now) => new(token.Id, token.Organisation, [.. token.Roles.Order().Select(RoleNames.Text)],
        token.Name, token.Created, token.Expires, token.Revoked, token.StandingAt(now) switch
        {
            TokenStanding.Revoked => "revoked",
            TokenStanding.Expired => "expired",
            _ => "valid",
        });
}
