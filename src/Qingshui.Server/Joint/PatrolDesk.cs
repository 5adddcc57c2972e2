using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qingshui.Domain.Access;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Joint;
using Qingshui.Domain.Network;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api;
using Qingshui.Storage;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>
/// What the river-chief, patrol, finding and case endpoints share: the store, who acts (user, organisation, the side it
/// acts for), the clock, and the audit log every write goes to, done or refused.
/// </summary>
internal sealed class PatrolDesk(IPatrolStore store, IAccountStore accounts, IAuditStore audit, TimeProvider clock, ServerOptions options)
{
    public IPatrolStore Store => store;

    public Basin Basin => options.Basin;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Who acts in the request, with the jurisdiction their organisation acts for as it stands now.</summary>
    public async Task<PatrolActor> ActorAsync(HttpContext context)
    {
        string organisation = SessionClaims.OrganisationOf(context.User);
        Organisation? own = (await accounts.OrganisationsAsync(context.RequestAborted)).FirstOrDefault(o => o.Id == organisation);
        return new PatrolActor(SessionClaims.Name(context.User), organisation, own is { Kind: OrganisationKind.Jurisdiction } ? own.JurisdictionId : null);
    }

    /// <summary>Whether the reader sees every case: a member of the joint office (cases are otherwise seen by their parties).</summary>
    public async Task<bool> SeesAllCasesAsync(HttpContext context)
    {
        string organisation = SessionClaims.OrganisationOf(context.User);
        return (await accounts.OrganisationsAsync(context.RequestAborted)).Any(o => o.Id == organisation && o.Kind == OrganisationKind.JointOffice);
    }

    /// <summary>Every organisation, with the jurisdiction it acts for (or <c>null</c>).</summary>
    public async Task<IReadOnlyDictionary<string, string?>> OrganisationsAsync(CancellationToken cancellationToken) =>
        (await accounts.OrganisationsAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.Kind == OrganisationKind.Jurisdiction ? o.JurisdictionId : null, StringComparer.Ordinal);

    public static bool IsCoordinator(HttpContext context) => context.User.IsInRole(Policies.Of(Role.Coordinator));

    /// <summary>Records a write: done (<paramref name="refusal"/> <c>null</c>) or refused with why.</summary>
    public Task AuditAsync(HttpContext context, string action, string target, string? refusal, object? before, object? after) =>
        audit.AppendAsync(AuditRecord.Create(Now, AccessDenials.ActorOf(context), action, target, refusal is null ? AuditOutcome.Done : AuditOutcome.Refused,
            refusal, before is null ? null : JsonSerializer.Serialize(before, JsonAnswer.Options), after is null ? null : JsonSerializer.Serialize(after, JsonAnswer.Options)),
            context.RequestAborted);

    /// <summary>Refuses a write with 403, audited.</summary>
    public async Task<ProblemHttpResult> RefuseAsync(HttpContext context, string action, string target, string why, object? attempt)
    {
        await AuditAsync(context, action, target, why, null, attempt);
        return TypedResults.Problem(why, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
    }

    public static ValidationProblem Invalid(IEnumerable<PatrolError> errors) => TypedResults.ValidationProblem(
        errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal));

    public static ValidationProblem Invalid(string field, string message) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static long? IdOf(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long id) && id >= 1 ? id : null;

    public static ValidationProblem BadId(string what) => Invalid("id", $"must be a {what} id (1 or more)");

    public static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem(title: $"No such {what}", detail: $"There is no {what} '{(id.Length > 40 ? id[..40] + "…" : id)}'.", statusCode: StatusCodes.Status404NotFound);
}
