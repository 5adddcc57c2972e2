using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Access;
using Qingshui.Domain.Joint;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Api.Paging;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>
/// <c>/api/v1/joint/decisions</c>: the meetings' decisions, filtered by owner, state, deadline year and overdue. Only a member
/// (not a viewer) of the owning organisation reports a decision done or dropped; anyone else is refused with a 403 that is audited.
/// </summary>
internal static class DecisionsApi
{
    public const string DecisionKind = "decision";
    private const int DefaultLimit = 100;

    // Decisions are kept in deadline order: the cursor holds the last deadline and id answered.
    private static readonly PageList ListName = new("joint-decisions", DefaultLimit, DecisionQuery.MaxLimit, KeyCount: 2);

    public static RouteGroupBuilder MapDecisionsApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/joint/decisions").WithTags("Joint work");
        var actors = new AuthorizeAttribute
        {
            Roles = string.Join(",", new[] { Role.Operator, Role.Reviewer, Role.Finance, Role.Coordinator, Role.Admin }.Select(Policies.Of)),
        };
        group.MapGet("/", List).WithCsv("decisions").RequireAuthorization(Policies.Member).WithName("ListDecisions").WithSummary(
            $"Decisions by deadline: ?owner=<organisation> (mine: the caller's), ?state=open|done|dropped, ?overdue=true, ?year= (deadline), ?meeting=, ?limit=1–{DecisionQuery.MaxLimit} (default {DefaultLimit}), ?cursor= (the answer's nextCursor; also in the Link header).");
        group.MapGet("/{id}", One).RequireAuthorization(Policies.Member).RecordsReceipt(DecisionKind).WithName("GetDecision")
            .WithSummary("One decision.");
        group.MapPost("/{id}/state", Change).RequireAuthorization(actors).RequireAntiforgery()
            .WithMetadata(new AuditedAs("joint.decision.state")).WithName("ChangeDecisionState")
            .WithSummary("The owner organisation reports an open decision {state: done|dropped, note}; another organisation's member: 403, audited.");
        return group;
    }

    public static MeetingDecisionDto View(MeetingDecision d, DateOnly today) => new(
        d.Id, d.Meeting, d.Text, d.Owner, d.OwnerPerson, JointProblems.DateText(d.Deadline), DecisionWords.Word(d.State), d.FollowUp, d.IsOverdue(today),
        d.ChangedBy, d.ChangedAt);

    private static async Task<Results<Ok<DecisionPageDto>, ValidationProblem>> List(
        string? owner, string? state, string? overdue, string? year, string? meeting, string? limit, string? cursor, PageCursors cursors, HttpContext context,
        ServerOptions options, IMeetingStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new List<JointError>();
        DecisionState? wanted = state is null ? null : DecisionWords.Parse(state);
        if (state is not null && wanted is null)
        {
            errors.Add(new("state", "must be open, done or dropped"));
        }

        if (overdue is not (null or "true" or "false"))
        {
            errors.Add(new("overdue", "must be true or false"));
        }

        int? y = null;
        if (year is not null)
        {
            y = int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed is >= 2000 and <= 2100 ? parsed : null;
            if (y is null)
            {
                errors.Add(new("year", "must be a year 2000–2100"));
            }
        }

        long? meetingId = meeting is null ? null : JointProblems.IdOf(meeting);
        if (meeting is not null && meetingId is null)
        {
            errors.Add(new("meeting", "must be a meeting id (1 or more)"));
        }

        var pageErrors = new Dictionary<string, string[]>();
        string scope = PageScope.Of(owner == "mine" ? "mine:" + SessionClaims.OrganisationOf(context.User) : owner, state, overdue, year, meeting);
        PageRequest page = PageRequest.Read(cursors, ListName, scope, cursor, limit, pageErrors);
        errors.AddRange(pageErrors.Select(e => new JointError(e.Key, e.Value[0])));
        int take = page.Limit;

        if (owner is { Length: > 64 })
        {
            errors.Add(new("owner", "is at most 64 characters"));
        }

        if (errors.Count > 0)
        {
            return JointProblems.Invalid(errors);
        }

        DateOnly today = JointOrganisations.Today(clock);
        bool onlyOverdue = overdue == "true";
        DateOnly? deadlineFrom = y is int from ? new DateOnly(from, 1, 1) : null;
        (DateOnly Deadline, long Id)? after = page.After is [string day, string id]
            ? (DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture), long.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture))
            : null;
        if (after is { } a && (deadlineFrom is null || a.Deadline > deadlineFrom))
        {
            // From the cursor's deadline on; the decisions of that day up to its id are skipped below.
            deadlineFrom = a.Deadline;
        }

        var query = new DecisionQuery(DecisionQuery.MaxLimit, meetingId, owner == "mine" ? SessionClaims.OrganisationOf(context.User) : owner,
            onlyOverdue ? DecisionState.Open : wanted, deadlineFrom, onlyOverdue ? today.AddDays(-1) : y is int to ? new DateOnly(to, 12, 31) : null, options.Basin.Id);
        IReadOnlyList<MeetingDecision> found = await store.ListDecisionsAsync(query, cancellationToken);
        MeetingDecision[] rest = [.. found.Where(d => (!onlyOverdue || d.IsOverdue(today))
            && (after is not { } c || d.Deadline > c.Deadline || (d.Deadline == c.Deadline && d.Id > c.Id)))];
        MeetingDecision[] answered = rest[..Math.Min(take, rest.Length)];
        // More may follow when the page overflows or the store answered as many as it gives at once.
        string? next = answered.Length > 0 && (rest.Length > take || found.Count == DecisionQuery.MaxLimit)
            ? cursors.Issue(ListName.Name, scope, JointProblems.DateText(answered[^1].Deadline), answered[^1].Id.ToString(CultureInfo.InvariantCulture))
            : null;
        if (next is not null)
        {
            PageRequest.LinkNext(context, next);
        }

        return TypedResults.Ok(new DecisionPageDto([.. answered.Select(d => View(d, today))], next));
    }

    private static async Task<Results<Ok<MeetingDecisionDto>, ProblemHttpResult, ValidationProblem>> One(
        string id, IMeetingStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (JointProblems.IdOf(id) is not long number)
        {
            return JointProblems.Invalid("id", "must be a decision id (1 or more)");
        }

        return await store.FindDecisionAsync(number, cancellationToken) is MeetingDecision decision
            ? TypedResults.Ok(View(decision, JointOrganisations.Today(clock)))
            : BasinsApi.NotFoundProblem(DecisionKind, id);
    }

    private static async Task<Results<Ok<MeetingDecisionDto>, ProblemHttpResult, ValidationProblem>> Change(
        string id, DecisionChangeRequest request, HttpContext context, [AsParameters] JointServices services, CancellationToken cancellationToken)
    {
        if (JointProblems.IdOf(id) is not long number)
        {
            return JointProblems.Invalid("id", "must be a decision id (1 or more)");
        }

        if (await services.Meetings.FindDecisionAsync(number, cancellationToken) is not MeetingDecision decision)
        {
            return BasinsApi.NotFoundProblem(DecisionKind, id);
        }

        string target = $"decision/{number.ToString(CultureInfo.InvariantCulture)}";
        string organisation = SessionClaims.OrganisationOf(context.User);
        if (organisation != decision.Owner)
        {
            string refusal = $"Decision {number} is owned by '{decision.Owner}'; only its own organisation's members change it (you act for '{organisation}').";
            await JointProblems.AuditAsync(services.Audit, services.Clock, context, "joint.decision.state", target, null, new { request.State }, refusal, cancellationToken);
            return JointProblems.Forbidden(refusal);
        }

        DecisionState? to = DecisionWords.Parse(request.State);
        if (to is null or DecisionState.Open)
        {
            return JointProblems.Invalid("state", "must be done or dropped");
        }

        if (MeetingRules.ChangeRefusal(decision, to.Value, request.Note) is JointError error)
        {
            return error.Field == "state" ? TypedResults.Problem(error.Message, statusCode: StatusCodes.Status409Conflict, title: "The decision is not open")
                : JointProblems.Invalid([error]);
        }

        MeetingDecision changed = decision with
        {
            State = to.Value, FollowUp = request.Note!.Trim(), ChangedBy = SessionClaims.Name(context.User), ChangedAt = services.Clock.GetUtcNow(),
        };
        if (!await services.Meetings.ChangeDecisionAsync(changed, decision.State, cancellationToken))
        {
            return TypedResults.Problem("Someone changed the decision first; read it again.", statusCode: StatusCodes.Status409Conflict, title: "Changed meanwhile");
        }

        await JointProblems.AuditAsync(services.Audit, services.Clock, context, "joint.decision.state", target,
            new { state = DecisionWords.Word(decision.State), note = decision.FollowUp }, new { state = DecisionWords.Word(changed.State), note = changed.FollowUp },
            null, cancellationToken);
        return TypedResults.Ok(View(changed, JointOrganisations.Today(services.Clock)));
    }
}
