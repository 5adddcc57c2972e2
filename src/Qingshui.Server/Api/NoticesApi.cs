using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
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
using Qingshui.Server.Notices;
using Qingshui.Storage;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Notices;

namespace Qingshui.Server.Api;

/// <summary>
/// <c>/api/v1/notices</c>: notices posted for delivery, with where each stands per receiver. A member sees the notices for
/// its own organisation and those for every member; members of the joint office see all. A coordinator or admin may
/// send a notice again to the receivers that have not taken it (audited).
/// </summary>
internal static class NoticesApi
{
    public const string RetryAction = "notice.retry";
    private const int DefaultLimit = 50;

    public static RouteGroupBuilder MapNoticesApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/notices").WithTags("Notices").RequireAuthorization(Policies.Member);
        group.MapGet("/", List).WithCsv("notices").WithName("ListNotices").WithSummary(
            $"Notices, newest first, with their delivery per receiver: ?state=undelivered, ?limit=1–{NoticeQuery.MaxLimit} (default {DefaultLimit}), ?before=<id> or ?cursor= (the answer's nextCursor). "
            + "Your organisation's and those for every member; the joint office sees all.");
        group.MapGet("/{id}", One).WithName("GetNotice").WithSummary("One notice with every delivery attempt per receiver.");
        group.MapPost("/{id}/retry", Retry).RequireAntiforgery()
            .RequireAuthorization(new AuthorizeAttribute { Roles = $"{Policies.Of(Role.Coordinator)},{Policies.Of(Role.Admin)}" })
            .WithMetadata(new AuditedAs(RetryAction)).WithName("RetryNotice")
            .WithSummary("Coordinator or admin: send the notice again, now, to every receiver that has not taken it (attempts count from zero again).");
        return group;
    }

    private static async Task<Results<Ok<NoticePageDto>, ValidationProblem, ProblemHttpResult>> List(
        [AsParameters] NoticeListQuery query, ClaimsPrincipal user, IAccountStore accounts, INoticeStore store, PageCursors cursors, HttpContext context,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        int limit = DefaultLimit;
        if (query.Limit is not null && (!int.TryParse(query.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > NoticeQuery.MaxLimit))
        {
            errors["limit"] = [$"must be a whole number 1–{NoticeQuery.MaxLimit}"];
        }

        long? before = null;
        if (query.Before is not null)
        {
            before = long.TryParse(query.Before, NumberStyles.None, CultureInfo.InvariantCulture, out long id) && id >= 1 ? id : null;
            if (before is null)
            {
                errors["before"] = ["must be a notice id (1 or more)"];
            }
        }

        if (query.State is not (null or "undelivered" or "all"))
        {
            errors["state"] = ["must be 'undelivered' or 'all'"];
        }

        string pageScope = PageScope.Of(SessionClaims.OrganisationOf(user), query.State);
        before = NewestFirst.Before(cursors, "notices", pageScope, query.Cursor, before, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await ScopeAsync(user, accounts, cancellationToken) is not string scope)
        {
            return NoOrganisation();
        }

        IReadOnlyList<NoticeEntry> notices = await store.ListNoticesAsync(
            new NoticeQuery(limit, scope == AllScope ? null : scope, query.State == "undelivered", before), cancellationToken);
        long? next = notices.Count == limit && notices[^1].Notice.Id > 1 ? notices[^1].Notice.Id : null;
        string? cursor = next is long last ? NewestFirst.Next(cursors, context, "notices", pageScope, notices.Count, limit, last) : null;
        return TypedResults.Ok(new NoticePageDto(scope, [.. notices.Select(NoticeView.Of)], next, cursor));
    }

    private static async Task<Results<Ok<NoticeDto>, ValidationProblem, ProblemHttpResult>> One(
        string id, ClaimsPrincipal user, IAccountStore accounts, INoticeStore store, CancellationToken cancellationToken)
    {
        if (ParseId(id) is not long number)
        {
            return BadId();
        }

        if (await ScopeAsync(user, accounts, cancellationToken) is not string scope)
        {
            return NoOrganisation();
        }

        return await store.FindNoticeAsync(number, cancellationToken) is NoticeEntry entry && Sees(scope, entry.Notice)
            ? TypedResults.Ok(NoticeView.Of(entry))
            : BasinsApi.NotFoundProblem("notice", id);
    }

    private static async Task<Results<Accepted<NoticeDto>, ValidationProblem, ProblemHttpResult>> Retry(
        string id, HttpContext context, IAccountStore accounts, INoticeStore store, NoticeDeliverer deliverer, IAuditStore audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (ParseId(id) is not long number)
        {
            return BadId();
        }

        if (await ScopeAsync(context.User, accounts, cancellationToken) is not string scope)
        {
            return NoOrganisation();
        }

        if (await store.FindNoticeAsync(number, cancellationToken) is not NoticeEntry before || !Sees(scope, before.Notice))
        {
            return BasinsApi.NotFoundProblem("notice", id);
        }

        AuditActor actor = AccessDenials.ActorOf(context);
        string target = string.Create(CultureInfo.InvariantCulture, $"notice/{number}");
        IReadOnlyList<string> retried = await store.RetryNoticeAsync(number, cancellationToken);
        if (retried.Count == 0)
        {
            string refusal = before.Deliveries.Count == 0 ? "no receiver takes this notice: it is shown on the dashboards only" : "every receiver has taken this notice";
            await audit.AppendAsync(AuditRecord.Create(clock.GetUtcNow(), actor, RetryAction, target, AuditOutcome.Refused, refusal, States(before), null), cancellationToken);
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status409Conflict, title: "Nothing to retry");
        }

        deliverer.RetryNow(retried);
        NoticeEntry after = await store.FindNoticeAsync(number, cancellationToken) ?? before;
        await audit.AppendAsync(AuditRecord.Create(clock.GetUtcNow(), actor, RetryAction, target, AuditOutcome.Done, null, States(before), States(after)), cancellationToken);
        return TypedResults.Accepted(string.Create(CultureInfo.InvariantCulture, $"/api/v1/notices/{number}"), NoticeView.Of(after));
    }

    private const string AllScope = "all";

    // The organisation whose notices the user sees, "all" for the joint office, or null when the sign-in has none.
    private static async Task<string?> ScopeAsync(ClaimsPrincipal user, IAccountStore accounts, CancellationToken cancellationToken)
    {
        string organisation = SessionClaims.OrganisationOf(user);
        if (organisation.Length == 0)
        {
            return null;
        }

        // Read per request, as the audit log's scope is: a change of organisations applies at once.
        bool office = (await accounts.OrganisationsAsync(cancellationToken)).Any(o => o.Id == organisation && o.Kind == OrganisationKind.JointOffice);
        return office ? AllScope : organisation;
    }

    private static bool Sees(string scope, NoticeRecord notice) =>
        scope == AllScope || notice.Organisations.Count == 0 || notice.Organisations.Contains(scope, StringComparer.Ordinal);

    // Short canonical JSON of the deliveries' states, for the audit entry.
    private static string States(NoticeEntry entry) => JsonSerializer.Serialize(
        entry.Deliveries.ToDictionary(d => d.Receiver, d => NoticeView.Word(d.State)), JsonAnswer.Options);

    private static long? ParseId(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long number) && number >= 1 ? number : null;

    private static ValidationProblem BadId() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["must be a notice id (1 or more)"] });

    private static ProblemHttpResult NoOrganisation() => TypedResults.Problem(
        "Reading notices needs an organisation; this sign-in has none.", statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
}
