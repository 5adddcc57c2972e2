using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Access;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Incidents;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Contracts;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Api.Paging;
using Qingshui.Server.Incidents;
using Qingshui.Storage;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Api;

/// <summary>
/// <c>/api/v1/incidents</c>: incidents opened by boundary and upstream alerts. Members of every organisation read them;
/// a step or an action is taken by a coordinator, or by an operator of an organisation of one of the incident's
/// jurisdictions. Writes need the session's antiforgery header and are audited; a step the lifecycle does not allow is a 409.
/// </summary>
internal static class IncidentsApi
{
    private const int DefaultLimit = 50;
    private const int MinInterval = 30;
    private const int MaxInterval = 3600;
    private const int DefaultInterval = 300;
    private static readonly TimeSpan LongestSpan = TimeSpan.FromDays(366);

    public static RouteGroupBuilder MapIncidentsApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/incidents").WithTags("Incidents");
        group.MapGet("/", List).WithCsv("incidents").RequireAuthorization(Policies.Member).WithName("ListIncidents").WithSummary(
            $"Incidents, newest first: ?status=raised|notified|acknowledged|responding|closed|open, ?section=, ?from=&to= (opened; at most 366 days), ?limit=1–{IncidentQuery.MaxLimit} (default {DefaultLimit}), ?before=<id> or ?cursor= (the answer's nextCursor).");
        group.MapGet("/{id}", One).RequireAuthorization(Policies.Member).WithName("GetIncident")
            .WithSummary("One incident with its timeline, actions, downstream arrival estimates and the alerts that are its evidence.");
        group.MapGet("/{id}/report", IncidentReportApi.Report).RequireAuthorization(Policies.Member).WithName("GetIncidentReport")
            .WithSummary("The incident's report: ?format=md|html (default md), ?lang=zh|en (default zh): timeline, evidence data, actions.");
        var actors = new AuthorizeAttribute { Roles = $"{Policies.Of(Role.Operator)},{Policies.Of(Role.Coordinator)}" };
        group.MapPost("/{id}/acknowledge", Acknowledge).RequireAuthorization(actors).RequireAntiforgery()
            .WithMetadata(new AuditedAs("incident.acknowledge")).WithName("AcknowledgeIncident")
            .WithSummary("An operator of one of its jurisdictions, or a coordinator, acknowledges a raised or notified incident {note?}.");
        group.MapPost("/{id}/respond", Respond).RequireAuthorization(actors).RequireAntiforgery()
            .WithMetadata(new AuditedAs("incident.respond")).WithName("RespondToIncident")
            .WithSummary("Starts the response to an acknowledged incident {note?}.");
        group.MapPost("/{id}/close", Close).RequireAuthorization(actors).RequireAntiforgery()
            .WithMetadata(new AuditedAs("incident.close")).WithName("CloseIncident")
            .WithSummary("Closes an acknowledged or responding incident {note?}; tightened stations are restored.");
        group.MapPost("/{id}/actions", Act).RequireAuthorization(actors).RequireAntiforgery()
            .WithMetadata(new AuditedAs("incident.action")).WithName("RecordIncidentAction")
            .WithSummary($"Records an action {{kind: source-investigation|joint-sampling|tightened-monitoring, note, intervalSeconds? ({MinInterval}–{MaxInterval}, default {DefaultInterval})}}; "
                + "tightened monitoring sends HJ 212 1062 to the incident's stations and records their answers.");
        return group;
    }

    private static async Task<Results<Ok<IncidentPageDto>, ValidationProblem>> List(
        [AsParameters] IncidentListQuery query, ServerOptions options, IIncidentStore store, PageCursors cursors, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        IncidentStatus? status = null;
        bool openOnly = query.Status == "open";
        if (query.Status is not null && !openOnly)
        {
            if (IncidentWords.StatusByWord.TryGetValue(query.Status, out IncidentStatus parsed))
            {
                status = parsed;
            }
            else
            {
                errors["status"] = ["must be raised, notified, acknowledged, responding, closed or open"];
            }
        }

        int limit = DefaultLimit;
        if (query.Limit is not null && (!int.TryParse(query.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > IncidentQuery.MaxLimit))
        {
            errors["limit"] = [$"must be a whole number 1–{IncidentQuery.MaxLimit}"];
        }

        long? before = null;
        if (query.Before is not null && (before = IdOf(query.Before)) is null)
        {
            errors["before"] = ["must be an incident id (1 or more)"];
        }

        if (query.Section is not null && options.Basin.FindSection(query.Section) is null)
        {
            errors["section"] = [$"'{(query.Section.Length > 64 ? query.Section[..64] + "…" : query.Section)}' is not a section of this basin"];
        }

        DateTimeOffset? from = query.From is null ? null : QueryTime.Parse(query.From, "from", default, errors);
        DateTimeOffset? to = query.To is null ? null : QueryTime.Parse(query.To, "to", default, errors);
        if (from is DateTimeOffset start && to is DateTimeOffset end)
        {
            QueryTime.CheckSpan(start, end, LongestSpan, "366 days", errors);
        }

        string scope = PageScope.Of(query.Status, query.Section, query.From, query.To);
        before = NewestFirst.Before(cursors, "incidents", scope, query.Cursor, before, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        IReadOnlyList<Incident> incidents = openOnly
            ? [.. (await store.OpenIncidentsAsync(cancellationToken)).Where(i => (query.Section is null || i.Section == query.Section)
                && (from is null || i.OpenedAt >= from) && (to is null || i.OpenedAt < to) && (before is null || i.Id < before)).Reverse().Take(limit)]
            : await store.ListIncidentsAsync(new IncidentQuery(limit, status, query.Section, from, to, before), cancellationToken);
        long? next = incidents.Count == limit && incidents[^1].Id > 1 ? incidents[^1].Id : null;
        string? cursor = next is long last ? NewestFirst.Next(cursors, context, "incidents", scope, incidents.Count, limit, last) : null;
        return TypedResults.Ok(new IncidentPageDto([.. incidents.Select(i => IncidentView.Of(i))], next, cursor));
    }

    private static async Task<Results<Ok<IncidentDto>, ProblemHttpResult, ValidationProblem>> One(
        string id, IIncidentStore store, IAlertStore alerts, CancellationToken cancellationToken)
    {
        if (IdOf(id) is not long number)
        {
            return BadId();
        }

        if (await store.FindIncidentAsync(number, cancellationToken) is not Incident incident)
        {
            return BasinsApi.NotFoundProblem("incident", id);
        }

        return TypedResults.Ok(IncidentView.Of(incident, await EvidenceAsync(incident, alerts, cancellationToken)));
    }

    /// <summary>The alerts that are an incident's evidence, in the order they joined.</summary>
    public static async Task<IReadOnlyList<Alert>> EvidenceAsync(Incident incident, IAlertStore alerts, CancellationToken cancellationToken)
    {
        var found = new List<Alert>(incident.AlertIds.Count);
        foreach (long alertId in incident.AlertIds)
        {
            if (await alerts.FindAsync(alertId, cancellationToken) is Alert alert)
            {
                found.Add(alert);
            }
        }

        return found;
    }

    private static Task<Results<Ok<IncidentDto>, ProblemHttpResult, ValidationProblem>> Acknowledge(
        string id, IncidentStepRequest? request, HttpContext context, [AsParameters] IncidentServices services) =>
        StepAsync(id, IncidentStepKind.Acknowledged, "incident.acknowledge", request, context, services);

    private static Task<Results<Ok<IncidentDto>, ProblemHttpResult, ValidationProblem>> Respond(
        string id, IncidentStepRequest? request, HttpContext context, [AsParameters] IncidentServices services) =>
        StepAsync(id, IncidentStepKind.Responding, "incident.respond", request, context, services);

    private static Task<Results<Ok<IncidentDto>, ProblemHttpResult, ValidationProblem>> Close(
        string id, IncidentStepRequest? request, HttpContext context, [AsParameters] IncidentServices services) =>
        StepAsync(id, IncidentStepKind.Closed, "incident.close", request, context, services);

    private static async Task<Results<Ok<IncidentDto>, ProblemHttpResult, ValidationProblem>> StepAsync(
        string id, IncidentStepKind kind, string action, IncidentStepRequest? request, HttpContext context, IncidentServices services)
    {
        CancellationToken cancellationToken = context.RequestAborted;
        if (IdOf(id) is not long number)
        {
            return BadId();
        }

        if (NoteProblem(request?.Note) is ValidationProblem bad)
        {
            return bad;
        }

        if (await services.Store.FindIncidentAsync(number, cancellationToken) is not Incident incident)
        {
            return BasinsApi.NotFoundProblem("incident", id);
        }

        AuditActor actor = AccessDenials.ActorOf(context);
        if (await RefusalAsync(context, incident, services.Accounts, cancellationToken) is string refusal)
        {
            await AuditAsync(services, actor, action, incident, AuditOutcome.Refused, refusal, Attempt(kind, request?.Note), cancellationToken);
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }

        (Incident? changed, string? why) = await services.Desk.StepAsync(number, kind, actor, request?.Note?.Trim() ?? "", cancellationToken);
        if (changed is null)
        {
            await AuditAsync(services, actor, action, incident, AuditOutcome.Refused, why, Attempt(kind, request?.Note), cancellationToken);
            return TypedResults.Problem(why, statusCode: StatusCodes.Status409Conflict, title: "The incident's lifecycle does not allow this");
        }

        await AuditAsync(services, actor, action, incident, AuditOutcome.Done, null,
            new { status = IncidentWords.Word(changed.Status), note = request?.Note }, cancellationToken);
        return TypedResults.Ok(IncidentView.Of(changed));
    }

    private static async Task<Results<Ok<IncidentDto>, ProblemHttpResult, ValidationProblem>> Act(
        string id, IncidentActionRequest request, HttpContext context, [AsParameters] IncidentServices services)
    {
        CancellationToken cancellationToken = context.RequestAborted;
        if (IdOf(id) is not long number)
        {
            return BadId();
        }

        var errors = new Dictionary<string, string[]>();
        ResponseActionKind kind = default;
        if (request.Kind is null || !IncidentWords.ActionByWord.TryGetValue(request.Kind, out kind))
        {
            errors["kind"] = ["must be source-investigation, joint-sampling or tightened-monitoring"];
        }

        if (string.IsNullOrWhiteSpace(request.Note))
        {
            errors["note"] = ["is required: what was done, by whom, where"];
        }
        else if (request.Note.Length > IncidentLifecycle.MaxNoteLength)
        {
            errors["note"] = [string.Create(CultureInfo.InvariantCulture, $"is {request.Note.Length} characters; at most {IncidentLifecycle.MaxNoteLength}")];
        }

        if (request.IntervalSeconds is int interval && (interval is < MinInterval or > MaxInterval || kind != ResponseActionKind.TightenedMonitoring))
        {
            errors["intervalSeconds"] = [kind == ResponseActionKind.TightenedMonitoring
                ? $"must be {MinInterval}–{MaxInterval} seconds" : "applies to tightened-monitoring only"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await services.Store.FindIncidentAsync(number, cancellationToken) is not Incident incident)
        {
            return BasinsApi.NotFoundProblem("incident", id);
        }

        AuditActor actor = AccessDenials.ActorOf(context);
        const string action = "incident.action";
        if (await RefusalAsync(context, incident, services.Accounts, cancellationToken) is string refusal)
        {
            await AuditAsync(services, actor, action, incident, AuditOutcome.Refused, refusal, request, cancellationToken);
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }

        (Incident? changed, string? why) = await services.Desk.ActAsync(number, kind, actor, request.Note!.Trim(), request.IntervalSeconds ?? DefaultInterval, cancellationToken);
        if (changed is null)
        {
            await AuditAsync(services, actor, action, incident, AuditOutcome.Refused, why, request, cancellationToken);
            return TypedResults.Problem(why, statusCode: StatusCodes.Status409Conflict, title: "The incident's lifecycle does not allow this");
        }

        await AuditAsync(services, actor, action, incident, AuditOutcome.Done, null, request, cancellationToken);
        return TypedResults.Ok(IncidentView.Of(changed));
    }

    // A coordinator acts for the whole basin; an operator only for an organisation of one of the incident's jurisdictions.
    private static async Task<string?> RefusalAsync(HttpContext context, Incident incident, IAccountStore accounts, CancellationToken cancellationToken)
    {
        if (context.User.IsInRole(Policies.Of(Role.Coordinator)))
        {
            return null;
        }

        string organisation = SessionClaims.OrganisationOf(context.User);
        Organisation? own = (await accounts.OrganisationsAsync(cancellationToken)).FirstOrDefault(o => o.Id == organisation);
        return own is { Kind: OrganisationKind.Jurisdiction, JurisdictionId: string jurisdiction } && incident.Jurisdictions.Contains(jurisdiction)
            ? null
            : $"Organisation '{organisation}' is not of a jurisdiction of incident {incident.Id} ({string.Join(", ", incident.Jurisdictions)}); "
                + "only their operators or a coordinator may act on it.";
    }

    // Before: the status the actor saw; after: what was done (or attempted), as short JSON.
    private static async Task AuditAsync(
        IncidentServices services, AuditActor actor, string action, Incident incident, AuditOutcome outcome, string? reason, object after, CancellationToken cancellationToken) =>
        await services.Audit.AppendAsync(AuditRecord.Create(services.Clock.GetUtcNow(), actor, action,
            string.Create(CultureInfo.InvariantCulture, $"incident/{incident.Id}"), outcome, reason,
            JsonSerializer.Serialize(new { status = IncidentWords.Word(incident.Status) }), JsonSerializer.Serialize(after, JsonAnswer.Options)), cancellationToken);

    private static object Attempt(IncidentStepKind kind, string? note) => new { step = IncidentWords.Word(kind), note };

    private static ValidationProblem? NoteProblem(string? note) => note is { Length: > IncidentLifecycle.MaxNoteLength }
        ? TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["note"] = [string.Create(CultureInfo.InvariantCulture, $"is {note.Length} characters; at most {IncidentLifecycle.MaxNoteLength}")],
        })
        : null;

    private static long? IdOf(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long id) && id >= 1 ? id : null;

    private static ValidationProblem BadId() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["must be an incident id (1 or more)"] });
}

/// <summary>What the incident writes need, bound by <c>[AsParameters]</c>.</summary>
internal sealed record IncidentServices(
    [FromServices] IIncidentStore Store, [FromServices] IncidentDesk Desk, [FromServices] IAccountStore Accounts, [FromServices] IAuditStore Audit,
    [FromServices] TimeProvider Clock);
