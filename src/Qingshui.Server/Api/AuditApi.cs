using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Access;
using Qingshui.Domain.Audit;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Contracts;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Api.Paging;
using Qingshui.Storage;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Api;

/// <summary>
/// <c>GET /api/v1/audit</c>: the audit log, newest first, for signed-in members. An <c>admin</c> of the basin's joint
/// office sees every organisation's entries (and the command line's, which carry none); everyone else, a province's
/// admin included, sees only its own organisation's: one party's acts are not the other party's to read.
/// </summary>
internal static class AuditApi
{
    private const int DefaultLimit = 50;

    public static RouteHandlerBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/audit/{sequence}", One).RequireAuthorization(Policies.Member).WithTags("Audit").WithName("GetAuditEntry")
            .WithSummary("One audit entry by its sequence number, with its hashes; 404 when it is not one the caller may read (as for the list).");
        return routes.MapGet("/api/v1/audit", List).WithCsv("entries").RequireAuthorization(Policies.Member).WithTags("Audit").WithName("ListAudit")
            .WithSummary($"Audit entries, newest first: ?limit=1–{AuditQuery.MaxLimit} (default {DefaultLimit}), ?before=<sequence> or ?cursor= (the answer's nextCursor), ?actor=, ?action=. "
                + "The joint office's admin sees all organisations' entries; every other member its own organisation's only.");
    }

    private static async Task<Results<Ok<AuditEntryDto>, ProblemHttpResult, ValidationProblem>> One(
        string sequence, ClaimsPrincipal user, IAccountStore accounts, IAuditStore audit, CancellationToken cancellationToken)
    {
        if (!long.TryParse(sequence, NumberStyles.None, CultureInfo.InvariantCulture, out long number) || number is < 1 or long.MaxValue)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["sequence"] = ["must be an entry's sequence number (1 or more)"] });
        }

        string organisation = SessionClaims.OrganisationOf(user);
        if (organisation.Length == 0)
        {
            return TypedResults.Problem("Reading the audit log needs an organisation; this sign-in has none.",
                statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }

        // The entry just below number + 1 within what the caller may read: the asked one, or another that is not answered.
        bool all = await SeesAllAsync(user, organisation, accounts, cancellationToken);
        IReadOnlyList<AuditEntry> entries = await audit.ListAsync(new AuditQuery(1, number + 1, all ? null : organisation), cancellationToken);
        return entries is [AuditEntry entry] && entry.Sequence == number
            ? TypedResults.Ok(Dto(entry))
            : BasinsApi.NotFoundProblem("audit entry", number.ToString(CultureInfo.InvariantCulture));
    }

    // The joint office's admin reads every organisation's entries; read per request, so a change of organisations applies at once.
    private static async Task<bool> SeesAllAsync(ClaimsPrincipal user, string organisation, IAccountStore accounts, CancellationToken cancellationToken) =>
        user.IsInRole(RoleNames.Text(Role.Admin))
        && (await accounts.OrganisationsAsync(cancellationToken)).Any(o => o.Id == organisation && o.Kind == OrganisationKind.JointOffice);

    private static async Task<Results<Ok<AuditPageDto>, ValidationProblem, ProblemHttpResult>> List(
        [AsParameters] AuditListQuery query, ClaimsPrincipal user, IAccountStore accounts, IAuditStore audit, PageCursors cursors, HttpContext context,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        int limit = DefaultLimit;
        if (query.Limit is not null && (!int.TryParse(query.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > AuditQuery.MaxLimit))
        {
            errors["limit"] = [$"must be a whole number 1–{AuditQuery.MaxLimit}"];
        }

        long? before = null;
        if (query.Before is not null)
        {
            if (long.TryParse(query.Before, NumberStyles.None, CultureInfo.InvariantCulture, out long sequence) && sequence >= 1)
            {
                before = sequence;
            }
            else
            {
                errors["before"] = ["must be an entry's sequence number (1 or more)"];
            }
        }

        string scope = PageScope.Of(SessionClaims.OrganisationOf(user), Blank(query.Actor), Blank(query.Action));
        before = NewestFirst.Before(cursors, "audit", scope, query.Cursor, before, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        string organisation = SessionClaims.OrganisationOf(user);
        if (organisation.Length == 0)
        {
            return TypedResults.Problem("Reading the audit log needs an organisation; this sign-in has none.",
                statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }

        bool all = await SeesAllAsync(user, organisation, accounts, cancellationToken);
        IReadOnlyList<AuditEntry> entries = await audit.ListAsync(
            new AuditQuery(limit, before, all ? null : organisation, Blank(query.Actor), Blank(query.Action)), cancellationToken);
        long? next = entries.Count == limit && entries[^1].Sequence > 1 ? entries[^1].Sequence : null;
        string? cursor = next is long last ? NewestFirst.Next(cursors, context, "audit", scope, entries.Count, limit, last) : null;
        return TypedResults.Ok(new AuditPageDto(all ? "all" : organisation, [.. entries.Select(Dto)], next, cursor));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static AuditEntryDto Dto(AuditEntry entry)
    {
        AuditRecord r = entry.Record;
        return new AuditEntryDto(entry.Sequence, r.At, r.Actor, r.Organisation, r.Action, r.Target,
            r.Outcome == AuditOutcome.Done ? "done" : "refused", r.Reason, r.Before, r.After, r.RemoteAddress, entry.PreviousHash, entry.Hash);
    }
}
