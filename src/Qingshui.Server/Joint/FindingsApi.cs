using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Access;
using Qingshui.Domain.Joint;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Api.Paging;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>
/// <c>/api/v1/joint/findings</c>: what patrols found, each with the organisation that owns putting it right, a deadline
/// and its closing. Every member of either side reads every finding, each flagged <c>overdue</c> when past its deadline
/// (China time) and not closed. An operator of a side that took part in the patrol (or a coordinator) records one; the
/// owner organisation's operators (or a coordinator) close it, recording who, when and how.
/// </summary>
internal static class FindingsApi
{
    /// <summary>The kind of record a finding's receipts name.</summary>
    public const string FindingKind = "finding";

    private const string ListName = "joint-findings";

    public static RouteGroupBuilder MapFindingsApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/joint/findings").WithTags("Joint patrols");
        group.MapGet("/", List).WithCsv("findings").RequireAuthorization(Policies.Member).WithName("ListFindings").WithSummary(
            $"Findings, newest first: ?basin=, ?side= (the owner's), ?state=open|closed, ?overdue=true|false, ?patrol=<id>, ?from=&to= (recorded), ?limit=1–{JointQuery.MaxLimit}, ?cursor= (the answer's nextCursor; also in the Link header); "
            + "the answer counts the overdue ones of the page.");
        group.MapGet("/{id}", One).RequireAuthorization(Policies.Member).RecordsReceipt(FindingKind).WithName("GetFinding").WithSummary("One finding, flagged overdue when past its deadline and not closed.");
        var writers = new AuthorizeAttribute { Roles = $"{Policies.Of(Role.Operator)},{Policies.Of(Role.Coordinator)}" };
        group.MapPost("/", Add).RequireAuthorization(writers).RequireAntiforgery().WithMetadata(new AuditedAs("joint.finding.add"))
            .WithName("AddFinding").WithSummary("Records a finding {patrol, text, longitude?, latitude?, photos: [attachment id], owner: organisation id, deadline?: yyyy-MM-dd}.");
        group.MapPost("/{id}/close", Close).RequireAuthorization(writers).RequireAntiforgery().WithMetadata(new AuditedAs("joint.finding.close"))
            .WithName("CloseFinding").WithSummary("Closes a finding {how}: by an operator of the owner organisation or a coordinator; who and when are recorded.");
        return group;
    }

    private static async Task<Results<Ok<FindingPageDto>, ValidationProblem>> List(
        [AsParameters] JointListQuery query, string? state, string? overdue, string? patrol, CancellationToken cancellationToken)
    {
        JointList list = query.Open(ListName, state, overdue, patrol);
        List<PatrolError> errors = list.Errors;
        bool? closed = state switch
        {
            null => null,
            "open" => false,
            "closed" => true,
            _ => Bad(errors, "state", "must be open or closed"),
        };
        bool? late = PatrolListQuery.Flag("overdue", overdue, errors);
        long? ofPatrol = null;
        if (patrol is not null && (ofPatrol = PatrolDesk.IdOf(patrol)) is null)
        {
            errors.Add(new PatrolError("patrol", "must be a patrol id (1 or more)"));
        }

        if (list.Invalid is ValidationProblem invalid)
        {
            return invalid;
        }

        DateTimeOffset now = query.Desk.Now;
        IReadOnlyList<Finding> findings = await query.Desk.Store.ListFindingsAsync(new FindingQuery(list.Query, ofPatrol, closed, late, Finding.DayInChina(now)), cancellationToken);
        FindingDto[] page = [.. findings.Select(f => PatrolViews.Of(f, now))];
        return TypedResults.Ok(new FindingPageDto(page, page.Count(f => f.Overdue), list.Next(findings, f => f.Id)));
    }

    private static async Task<Results<Ok<FindingDto>, ProblemHttpResult, ValidationProblem>> One(string id, PatrolDesk desk, CancellationToken cancellationToken)
    {
        if (PatrolDesk.IdOf(id) is not long number)
        {
            return PatrolDesk.BadId("finding");
        }

        return await desk.Store.FindFindingAsync(number, cancellationToken) is Finding finding
            ? TypedResults.Ok(PatrolViews.Of(finding, desk.Now))
            : PatrolDesk.NotFound("finding", id);
    }

    private static async Task<Results<Created<FindingDto>, ProblemHttpResult, ValidationProblem>> Add(FindingRequest request, HttpContext context, PatrolDesk desk, JointSharing sharing)
    {
        if (request.Patrol is not long patrolId || patrolId < 1)
        {
            return PatrolDesk.Invalid("patrol", "is required: the id of the patrol that found it");
        }

        PatrolActor actor = await desk.ActorAsync(context);
        var fields = new FindingFields(request.Text, request.Longitude, request.Latitude, request.Photos, request.Owner, request.Deadline);
        (Finding? finding, IReadOnlyList<PatrolError> errors) = fields.Check(patrolId, await desk.OrganisationsAsync(context.RequestAborted), actor, desk.Now);
        if (finding is null)
        {
            return PatrolDesk.Invalid(errors);
        }

        const string action = "joint.finding.add";
        if (await desk.Store.FindPatrolAsync(patrolId, context.RequestAborted) is not Patrol patrol)
        {
            return PatrolDesk.Invalid("patrol", string.Create(CultureInfo.InvariantCulture, $"there is no patrol {patrolId}"));
        }

        if (!PatrolDesk.IsCoordinator(context) && (actor.Side is null || !patrol.Sides.Contains(actor.Side)))
        {
            return await desk.RefuseAsync(context, action, string.Create(CultureInfo.InvariantCulture, $"patrol/{patrolId}"),
                $"Organisation '{actor.Organisation}' acts for {actor.Side ?? "no jurisdiction"}; findings of a patrol of {string.Join(" and ", patrol.Sides)} are recorded by their operators or a coordinator.",
                request);
        }

        IReadOnlyList<(string Field, string Message)> unreadable = await sharing.CheckAttachmentsAsync("photos", request.Photos, actor.Organisation, context.RequestAborted);
        if (unreadable.Count > 0)
        {
            return PatrolDesk.Invalid(unreadable.Select(p => new PatrolError(p.Field, p.Message)));
        }

        Finding stored = (await desk.Store.AddFindingAsync(finding, context.RequestAborted))!;
        FindingDto dto = PatrolViews.Of(stored, desk.Now);

        // Every member of either side reads every finding, and so its photos.
        await sharing.DeliverAsync(FindingKind, stored.Id.ToString(CultureInfo.InvariantCulture), stored.Photos,
            [.. await sharing.BasinAsync(context.RequestAborted)], context.RequestAborted);
        await desk.AuditAsync(context, action, Target(stored.Id), null, null, dto);
        return TypedResults.Created($"/api/v1/joint/findings/{stored.Id}", dto);
    }

    private static async Task<Results<Ok<FindingDto>, ProblemHttpResult, ValidationProblem>> Close(string id, FindingCloseRequest? request, HttpContext context, PatrolDesk desk)
    {
        if (PatrolDesk.IdOf(id) is not long number)
        {
            return PatrolDesk.BadId("finding");
        }

        const string action = "joint.finding.close";
        if (await desk.Store.FindFindingAsync(number, context.RequestAborted) is not Finding current)
        {
            return PatrolDesk.NotFound("finding", id);
        }

        PatrolActor actor = await desk.ActorAsync(context);
        bool coordinator = PatrolDesk.IsCoordinator(context);
        if (!current.MayBeClosedBy(actor, coordinator))
        {
            return await desk.RefuseAsync(context, action, Target(number),
                $"Finding {number} is owned by organisation '{current.Owner}'; only its operators or a coordinator close it (you act for '{actor.Organisation}').", request);
        }

        IReadOnlyList<PatrolError> errors = [];
        DateTimeOffset at = desk.Now;
        StoredChange<Finding>? change = await desk.Store.ChangeFindingAsync(number, f =>
        {
            (Finding? closed, errors) = f.Close(actor, at, request?.How);
            return closed;
        }, context.RequestAborted);
        if (change?.After is not Finding after)
        {
            if (errors.FirstOrDefault(e => e.Field == "finding") is PatrolError closedAlready)
            {
                await desk.AuditAsync(context, action, Target(number), closedAlready.Message, null, request);
                return TypedResults.Problem(closedAlready.Message, statusCode: StatusCodes.Status409Conflict, title: "Already closed");
            }

            return PatrolDesk.Invalid(errors);
        }

        FindingDto dto = PatrolViews.Of(after, at);
        await desk.AuditAsync(context, action, Target(number), null, new { state = "open", overdue = change.Before.IsOverdue(at) }, new { state = "closed", how = after.Closing!.How });
        return TypedResults.Ok(dto);
    }

    private static bool? Bad(List<PatrolError> errors, string field, string message)
    {
        errors.Add(new PatrolError(field, message));
        return null;
    }

    private static string Target(long id) => string.Create(CultureInfo.InvariantCulture, $"finding/{id}");
}
