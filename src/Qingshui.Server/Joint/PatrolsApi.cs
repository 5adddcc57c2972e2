using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Access;
using Qingshui.Domain.Joint;
using Qingshui.Domain.Network;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Api.Paging;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>
/// <c>/api/v1/joint/patrols</c>: patrols with their participants of each side, their route (uploaded as GPX or GeoJSON,
/// served as a GeoJSON LineString) and their findings. Members read them; an operator of a side that took part (or a
/// coordinator) records a patrol and uploads its route. Writes need the antiforgery header and are audited.
/// </summary>
internal static class PatrolsApi
{
    /// <summary>The kind of record a patrol's receipts name.</summary>
    public const string PatrolKind = "patrol";

    private const string ListName = "joint-patrols";

    public static RouteGroupBuilder MapPatrolsApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/joint/patrols").WithTags("Joint patrols");
        group.MapGet("/", List).WithCsv("patrols").RequireAuthorization(Policies.Member).WithName("ListPatrols").WithSummary(
            $"Patrols, newest first: ?basin=, ?side= (took part), ?from=&to= (patrol day, to exclusive), ?limit=1–{JointQuery.MaxLimit} (default {PatrolListQuery.DefaultLimit}), ?cursor= (the answer's nextCursor; the next page is also in the Link header).");
        group.MapGet("/{id}", One).RequireAuthorization(Policies.Member).RecordsReceipt(PatrolKind).WithName("GetPatrol")
            .WithSummary("One patrol with its findings, each flagged overdue when past its deadline and not closed.");
        group.MapGet("/{id}/route", Route).RequireAuthorization(Policies.Member).WithName("GetPatrolRoute")
            .WithSummary("The patrol's route as a GeoJSON Feature with a LineString geometry (404 problem when none was uploaded).");
        var writers = new AuthorizeAttribute { Roles = $"{Policies.Of(Role.Operator)},{Policies.Of(Role.Coordinator)}" };
        group.MapPost("/", Add).RequireAuthorization(writers).RequireAntiforgery().WithMetadata(new AuditedAs("joint.patrol.add"))
            .WithName("AddPatrol").WithSummary("Records a patrol {date, reach, participants: [{side, name}], notes?}; an operator's side must be among the participants'.");
        group.MapPut("/{id}/route", SetRoute).RequireAuthorization(writers).RequireAntiforgery().WithMetadata(new AuditedAs("joint.patrol.route"))
            .WithName("SetPatrolRoute").WithSummary(
                $"Uploads the route as the body: GPX (track or route points) or GeoJSON (LineString, a Feature or a one-Feature collection); at most {PatrolRouteFile.MaxBytes} bytes and {PatrolRouteFile.MaxPoints} points; no DTD.");
        return group;
    }

    private static async Task<Results<Ok<PatrolPageDto>, ValidationProblem>> List(
        [AsParameters] JointListQuery query, CancellationToken cancellationToken)
    {
        JointList list = query.Open(ListName);
        if (list.Invalid is ValidationProblem invalid)
        {
            return invalid;
        }

        PatrolDesk desk = query.Desk;
        IReadOnlyList<Patrol> patrols = await desk.Store.ListPatrolsAsync(list.Query, cancellationToken);
        DateTimeOffset now = desk.Now;
        var page = new List<PatrolDto>(patrols.Count);
        foreach (Patrol patrol in patrols)
        {
            // The count of overdue findings shows on the list, so a late one is seen without opening the patrol.
            IReadOnlyList<Finding> findings = await desk.Store.ListFindingsAsync(new FindingQuery(new JointQuery(JointQuery.MaxLimit), patrol.Id), cancellationToken);
            page.Add(PatrolViews.Of(patrol, findings, now) with { Findings = null });
        }

        return TypedResults.Ok(new PatrolPageDto([.. page], list.Next(patrols, p => p.Id)));
    }

    private static async Task<Results<Ok<PatrolDto>, ProblemHttpResult, ValidationProblem>> One(string id, PatrolDesk desk, CancellationToken cancellationToken)
    {
        if (PatrolDesk.IdOf(id) is not long number)
        {
            return PatrolDesk.BadId("patrol");
        }

        if (await desk.Store.FindPatrolAsync(number, cancellationToken) is not Patrol patrol)
        {
            return PatrolDesk.NotFound("patrol", id);
        }

        IReadOnlyList<Finding> findings = await desk.Store.ListFindingsAsync(new FindingQuery(new JointQuery(JointQuery.MaxLimit), number), cancellationToken);
        return TypedResults.Ok(PatrolViews.Of(patrol, [.. findings.Reverse()], desk.Now));
    }

    private static async Task<Results<JsonHttpResult<object>, ProblemHttpResult, ValidationProblem>> Route(string id, PatrolDesk desk, CancellationToken cancellationToken)
    {
        if (PatrolDesk.IdOf(id) is not long number)
        {
            return PatrolDesk.BadId("patrol");
        }

        if (await desk.Store.FindPatrolAsync(number, cancellationToken) is not Patrol patrol || await desk.Store.RouteAsync(number, cancellationToken) is not { } points)
        {
            return PatrolDesk.NotFound("patrol", id);
        }

        if (points.Count == 0)
        {
            return TypedResults.Problem(title: "No route", detail: $"Patrol {number} has no route uploaded yet.", statusCode: StatusCodes.Status404NotFound);
        }

        object feature = new
        {
            type = "Feature",
            properties = new { patrol = patrol.Id, date = PatrolViews.Day(patrol.Date), reach = patrol.Reach, points = points.Count },
            geometry = new { type = "LineString", coordinates = points.Select(p => new[] { p.Longitude, p.Latitude }) },
        };
        return TypedResults.Json(feature, contentType: "application/geo+json");
    }

    private static async Task<Results<Created<PatrolDto>, ProblemHttpResult, ValidationProblem>> Add(PatrolRequest request, HttpContext context, PatrolDesk desk, JointSharing sharing)
    {
        PatrolActor actor = await desk.ActorAsync(context);
        var fields = new PatrolFields(request.Date, request.Reach, request.Participants?.Select(p => p is null ? null : new PatrolParticipantFields(p.Side, p.Name)).ToArray(), request.Notes);
        (Patrol? patrol, IReadOnlyList<PatrolError> errors) = Patrol.Create(fields, desk.Basin, actor, desk.Now);
        if (patrol is null)
        {
            return PatrolDesk.Invalid(errors);
        }

        const string action = "joint.patrol.add";
        if (Refusal(context, actor, patrol) is string why)
        {
            return await desk.RefuseAsync(context, action, "patrol/new", why, request);
        }

        Patrol stored = await desk.Store.AddPatrolAsync(patrol, context.RequestAborted);
        PatrolDto dto = PatrolViews.Of(stored, [], desk.Now);
        await desk.AuditAsync(context, action, Target(stored.Id), null, null, dto);

        // Every member of either side reads every patrol.
        await sharing.DeliverAsync(PatrolKind, stored.Id.ToString(CultureInfo.InvariantCulture), [], [.. await sharing.BasinAsync(context.RequestAborted)], context.RequestAborted);
        return TypedResults.Created($"/api/v1/joint/patrols/{stored.Id}", dto);
    }

    private static async Task<Results<Ok<PatrolDto>, ProblemHttpResult, ValidationProblem>> SetRoute(string id, HttpContext context, PatrolDesk desk)
    {
        if (PatrolDesk.IdOf(id) is not long number)
        {
            return PatrolDesk.BadId("patrol");
        }

        const string action = "joint.patrol.route";
        if (await desk.Store.FindPatrolAsync(number, context.RequestAborted) is not Patrol patrol)
        {
            return PatrolDesk.NotFound("patrol", id);
        }

        PatrolActor actor = await desk.ActorAsync(context);
        if (Refusal(context, actor, patrol) is string why)
        {
            return await desk.RefuseAsync(context, action, Target(number), why, null);
        }

        byte[]? bytes = context.Request.ContentLength > PatrolRouteFile.MaxBytes ? null : await PatrolUpload.ReadAsync(context.Request, PatrolRouteFile.MaxBytes);
        (IReadOnlyList<GeoPoint>? points, RouteError? error) = bytes is null
            ? (null, new RouteError(RouteErrorReason.TooLarge, string.Create(CultureInfo.InvariantCulture,
                $"the file is {(context.Request.ContentLength is long length ? length.ToString(CultureInfo.InvariantCulture) : "over " + PatrolRouteFile.MaxBytes.ToString(CultureInfo.InvariantCulture))} bytes; at most {PatrolRouteFile.MaxBytes}")))
            : PatrolRouteFile.Parse(bytes);
        if (points is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["route"] = [error!.Message] },
                title: "The route was not accepted", extensions: new Dictionary<string, object?> { ["reason"] = Word(error.Reason) });
        }

        Patrol changed = (await desk.Store.SetRouteAsync(number, points, context.RequestAborted))!;
        await desk.AuditAsync(context, action, Target(number), null, new { routePoints = patrol.RoutePoints }, new { routePoints = points.Count });
        return TypedResults.Ok(PatrolViews.Of(changed, null, desk.Now));
    }

    // A patrol is its participants' record: an operator of a side that took part, or a coordinator, writes it.
    private static string? Refusal(HttpContext context, PatrolActor actor, Patrol patrol) =>
        PatrolDesk.IsCoordinator(context) || (actor.Side is string side && patrol.Sides.Contains(side))
            ? null
            : $"Organisation '{actor.Organisation}' acts for {actor.Side ?? "no jurisdiction"}; a patrol of {string.Join(" and ", patrol.Sides)} is recorded by their operators or a coordinator.";

    private static string Word(RouteErrorReason reason) => reason switch
    {
        RouteErrorReason.TooLarge => "too-large",
        RouteErrorReason.NotText => "not-text",
        RouteErrorReason.UnknownFormat => "unknown-format",
        RouteErrorReason.DocumentType => "document-type",
        RouteErrorReason.Malformed => "malformed",
        RouteErrorReason.NotARoute => "not-a-route",
        RouteErrorReason.BadCoordinate => "bad-coordinate",
        RouteErrorReason.TooManyPoints => "too-many-points",
        _ => "too-few-points",
    };

    private static string Target(long id) => string.Create(CultureInfo.InvariantCulture, $"patrol/{id}");
}
