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
/// <c>/api/v1/joint/cases</c>: enforcement cases across the boundary. A case is seen by its parties (the side that found
/// it, the side with jurisdiction, both sides of every referral) and by the joint office. An operator of the side that
/// found it opens it; only the side with jurisdiction refers it, changes its status or records actions, and only the
/// side a referral names accepts or declines it: anyone else gets a 403, audited. Each step is decided under the
/// store's write lock, so two sides acting at once cannot both win.
/// </summary>
internal static class CasesApi
{
    private delegate (EnforcementCase? Case, CaseRefusal? Refusal) Step(EnforcementCase current, PatrolActor actor, DateTimeOffset at);

    /// <summary>The kind of record a case's receipts name.</summary>
    public const string CaseKind = "case";

    private const string ListName = "joint-cases";

    public static RouteGroupBuilder MapCasesApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/joint/cases").WithTags("Joint enforcement");
        group.MapGet("/", List).WithCsv("cases").RequireAuthorization(Policies.Member).WithName("ListCases").WithSummary(
            $"Cases the reader's side is a party to (every case for the joint office), newest first: ?basin=, ?side= (a party), ?state=open|investigating|closed|referred, ?from=&to= (opened), ?limit=1–{JointQuery.MaxLimit}, ?cursor= (the answer's nextCursor; also in the Link header).");
        group.MapGet("/{id}", One).RequireAuthorization(Policies.Member).RecordsReceipt(CaseKind).WithName("GetCase").WithSummary("One case with its referrals and actions (its parties and the joint office only).");
        var writers = new AuthorizeAttribute { Roles = $"{Policies.Of(Role.Operator)},{Policies.Of(Role.Coordinator)}" };
        group.MapPost("/", Open).RequireAuthorization(writers).RequireAntiforgery().WithMetadata(new AuditedAs("joint.case.open"))
            .WithName("OpenCase").WithSummary("Opens a case found by the actor's side {what, where, longitude?, latitude?, jurisdiction?, documents: [attachment id], finding?}.");
        group.MapPost("/{id}/refer", Refer).RequireAuthorization(writers).RequireAntiforgery().WithMetadata(new AuditedAs("joint.case.refer"))
            .WithName("ReferCase").WithSummary("The side with jurisdiction refers the case to the other side {to, note}.");
        group.MapPost("/{id}/accept", Accept).RequireAuthorization(writers).RequireAntiforgery().WithMetadata(new AuditedAs("joint.case.accept"))
            .WithName("AcceptCaseReferral").WithSummary("The side a pending referral names accepts it {reason?}: jurisdiction moves to it.");
        group.MapPost("/{id}/decline", Decline).RequireAuthorization(writers).RequireAntiforgery().WithMetadata(new AuditedAs("joint.case.decline"))
            .WithName("DeclineCaseReferral").WithSummary("The side a pending referral names declines it {reason}: jurisdiction stays.");
        group.MapPost("/{id}/status", SetStatus).RequireAuthorization(writers).RequireAntiforgery().WithMetadata(new AuditedAs("joint.case.status"))
            .WithName("SetCaseStatus").WithSummary("The side with jurisdiction sets the status {status: open|investigating|closed, note, outcome (required to close)}.");
        group.MapPost("/{id}/actions", Act).RequireAuthorization(writers).RequireAntiforgery().WithMetadata(new AuditedAs("joint.case.action"))
            .WithName("RecordCaseAction").WithSummary("The side with jurisdiction records an action taken {text}.");
        return group;
    }

    private static async Task<Results<Ok<CasePageDto>, ValidationProblem>> List([AsParameters] JointListQuery query, string? state)
    {
        JointList list = query.Open(ListName, state);
        CaseStatus? status = null;
        bool referred = state == "referred";
        if (state is not null && !referred)
        {
            if (PatrolWords.StatusByWord.TryGetValue(state, out CaseStatus parsed))
            {
                status = parsed;
            }
            else
            {
                list.Errors.Add(new PatrolError("state", "must be open, investigating, closed or referred"));
            }
        }

        if (list.Invalid is ValidationProblem invalid)
        {
            return invalid;
        }

        string? visibleTo = await VisibleToAsync(query.Context, query.Desk);
        IReadOnlyList<EnforcementCase> cases = await query.Desk.Store.ListCasesAsync(new CaseQuery(list.Query, status, visibleTo, referred), query.Context.RequestAborted);
        return TypedResults.Ok(new CasePageDto([.. cases.Select(PatrolViews.Of)], list.Next(cases, c => c.Id)));
    }

    private static async Task<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>> One(string id, HttpContext context, PatrolDesk desk)
    {
        if (PatrolDesk.IdOf(id) is not long number)
        {
            return PatrolDesk.BadId("case");
        }

        if (await desk.Store.FindCaseAsync(number, context.RequestAborted) is not EnforcementCase found)
        {
            return PatrolDesk.NotFound("case", id);
        }

        string? visibleTo = await VisibleToAsync(context, desk);
        return visibleTo is null || found.Parties.Contains(visibleTo)
            ? TypedResults.Ok(PatrolViews.Of(found))
            : TypedResults.Problem($"Case {number} is between {string.Join(" and ", found.Parties)}; organisation '{SessionClaims.OrganisationOf(context.User)}' is not a party.",
                statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
    }

    private static async Task<Results<Created<CaseDto>, ProblemHttpResult, ValidationProblem>> Open(CaseRequest request, HttpContext context, PatrolDesk desk, JointSharing sharing)
    {
        PatrolActor actor = await desk.ActorAsync(context);
        const string action = "joint.case.open";
        if (actor.Side is null)
        {
            return await desk.RefuseAsync(context, action, "case/new",
                $"Organisation '{actor.Organisation}' acts for no jurisdiction; a case is opened by an operator of the side that found it.", request);
        }

        var fields = new CaseFields(request.What, request.Where, request.Longitude, request.Latitude, request.Jurisdiction, request.Documents, request.Finding);
        (EnforcementCase? opened, IReadOnlyList<PatrolError> errors) = CaseRules.Open(fields, desk.Basin, actor, desk.Now);
        if (opened is null)
        {
            return PatrolDesk.Invalid(errors);
        }

        if (opened.Finding is long finding && await desk.Store.FindFindingAsync(finding, context.RequestAborted) is null)
        {
            return PatrolDesk.Invalid("finding", string.Create(CultureInfo.InvariantCulture, $"there is no finding {finding}"));
        }

        IReadOnlyList<(string Field, string Message)> unreadable = await sharing.CheckAttachmentsAsync("documents", request.Documents, actor.Organisation, context.RequestAborted);
        if (unreadable.Count > 0)
        {
            return PatrolDesk.Invalid(unreadable.Select(p => new PatrolError(p.Field, p.Message)));
        }

        EnforcementCase stored = await desk.Store.AddCaseAsync(opened, context.RequestAborted);
        CaseDto dto = PatrolViews.Of(stored);
        await desk.AuditAsync(context, action, Target(stored.Id), null, null, dto);
        await DeliverAsync(stored, sharing, context.RequestAborted);
        return TypedResults.Created($"/api/v1/joint/cases/{stored.Id}", dto);
    }

    private static Task<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>> Refer(string id, CaseReferRequest request, HttpContext context, PatrolDesk desk, JointSharing sharing)
    {
        var errors = new List<PatrolError>();
        string? to = PatrolChecks.Side("to", request.To, desk.Basin, errors);
        string? note = PatrolChecks.Text("note", request.Note, PatrolChecks.MaxLongText, errors);
        return errors.Count > 0
            ? Task.FromResult<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>>(PatrolDesk.Invalid(errors))
            : StepAsync(id, "joint.case.refer", request, context, desk, sharing, (c, actor, at) => CaseRules.Refer(c, actor, to!, note!, at));
    }

    private static Task<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>> Accept(string id, CaseAnswerRequest? request, HttpContext context, PatrolDesk desk, JointSharing sharing)
    {
        var errors = new List<PatrolError>();
        string? reason = PatrolChecks.Text("reason", request?.Reason, PatrolChecks.MaxLongText, errors, required: false);
        return errors.Count > 0
            ? Task.FromResult<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>>(PatrolDesk.Invalid(errors))
            : StepAsync(id, "joint.case.accept", request, context, desk, sharing, (c, actor, at) => CaseRules.Answer(c, actor, accept: true, reason, at));
    }

    private static Task<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>> Decline(string id, CaseAnswerRequest? request, HttpContext context, PatrolDesk desk, JointSharing sharing)
    {
        var errors = new List<PatrolError>();
        string? reason = PatrolChecks.Text("reason", request?.Reason, PatrolChecks.MaxLongText, errors);
        return errors.Count > 0
            ? Task.FromResult<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>>(PatrolDesk.Invalid(errors))
            : StepAsync(id, "joint.case.decline", request, context, desk, sharing, (c, actor, at) => CaseRules.Answer(c, actor, accept: false, reason, at));
    }

    private static Task<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>> SetStatus(string id, CaseStatusRequest request, HttpContext context, PatrolDesk desk, JointSharing sharing)
    {
        var errors = new List<PatrolError>();
        CaseStatus status = default;
        if (request.Status is null || !PatrolWords.StatusByWord.TryGetValue(request.Status, out status))
        {
            errors.Add(new PatrolError("status", "must be open, investigating or closed"));
        }

        string? note = PatrolChecks.Text("note", request.Note, PatrolChecks.MaxLongText, errors);
        string? outcome = PatrolChecks.Text("outcome", request.Outcome, PatrolChecks.MaxLongText, errors, required: status == CaseStatus.Closed);
        return errors.Count > 0
            ? Task.FromResult<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>>(PatrolDesk.Invalid(errors))
            : StepAsync(id, "joint.case.status", request, context, desk, sharing, (c, actor, at) => CaseRules.Act(c, actor, status, note!, outcome, at));
    }

    private static Task<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>> Act(string id, CaseActionRequest request, HttpContext context, PatrolDesk desk, JointSharing sharing)
    {
        var errors = new List<PatrolError>();
        string? text = PatrolChecks.Text("text", request.Text, PatrolChecks.MaxLongText, errors);
        return errors.Count > 0
            ? Task.FromResult<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>>(PatrolDesk.Invalid(errors))
            : StepAsync(id, "joint.case.action", request, context, desk, sharing, (c, actor, at) => CaseRules.Act(c, actor, null, text!, null, at));
    }

    private static async Task<Results<Ok<CaseDto>, ProblemHttpResult, ValidationProblem>> StepAsync(
        string id, string action, object? attempt, HttpContext context, PatrolDesk desk, JointSharing sharing, Step step)
    {
        if (PatrolDesk.IdOf(id) is not long number)
        {
            return PatrolDesk.BadId("case");
        }

        PatrolActor actor = await desk.ActorAsync(context);
        DateTimeOffset at = desk.Now;
        CaseRefusal? refusal = null;
        StoredChange<EnforcementCase>? change = await desk.Store.ChangeCaseAsync(number, current =>
        {
            (EnforcementCase? changed, refusal) = step(current, actor, at);
            return changed;
        }, context.RequestAborted);
        if (change is null)
        {
            return PatrolDesk.NotFound("case", id);
        }

        if (change.After is not EnforcementCase after)
        {
            if (refusal!.Kind == CaseRefusalKind.NotYours)
            {
                return await desk.RefuseAsync(context, action, Target(number), refusal.Why, attempt);
            }

            await desk.AuditAsync(context, action, Target(number), refusal.Why, State(change.Before), attempt);
            return TypedResults.Problem(refusal.Why, statusCode: StatusCodes.Status409Conflict, title: "The case does not allow this now");
        }

        await desk.AuditAsync(context, action, Target(number), null, State(change.Before), State(after));
        await DeliverAsync(after, sharing, context.RequestAborted);
        return TypedResults.Ok(PatrolViews.Of(after));
    }

    // A case and its documents reach its parties and the joint office; a referral makes the side referred to a party, so
    // delivering after every step reaches it (only the first delivery per organisation is kept).
    private static async Task DeliverAsync(EnforcementCase c, JointSharing sharing, CancellationToken cancellationToken) =>
        await sharing.DeliverAsync(CaseKind, c.Id.ToString(CultureInfo.InvariantCulture), c.Documents,
            await sharing.OfSidesAsync(c.Parties, cancellationToken), cancellationToken);

    // Who sees which cases: a jurisdiction's members those their side is a party to; the joint office all; anyone else none.
    private static async Task<string?> VisibleToAsync(HttpContext context, PatrolDesk desk) =>
        await desk.SeesAllCasesAsync(context) ? null : (await desk.ActorAsync(context)).Side ?? "";

    private static object State(EnforcementCase c) =>
        new { status = PatrolWords.Word(c.Status), jurisdiction = c.Jurisdiction, referredTo = c.PendingReferral?.To, actions = c.Actions.Count };

    private static string Target(long id) => string.Create(CultureInfo.InvariantCulture, $"case/{id}");
}
