using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Access;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Joint;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Api.Paging;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>
/// <c>/api/v1/joint/meetings</c>: joint meetings of the basin's jurisdictions. Members read them (each opening is a receipt);
/// coordinators (joint office) and admins of each side record meetings and their decisions. Writes need the antiforgery
/// header and are audited; each meeting and decision is delivered to every organisation of the basin.
/// </summary>
internal static class MeetingsApi
{
    public const string MeetingKind = "meeting";

    /// <summary>The audited action of an amendment; the audit log keeps each one with the fields before and after.</summary>
    public const string AmendAction = "joint.meeting.amend";

    // By date, then id: the cursor holds the last meeting's date and id.
    private static readonly PageList ListName = new("joint-meetings", 100, 500);

    public static RouteGroupBuilder MapMeetingsApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/joint/meetings").WithTags("Joint work");
        var convenors = new AuthorizeAttribute { Roles = $"{Policies.Of(Role.Coordinator)},{Policies.Of(Role.Admin)}" };
        group.MapGet("/", List).WithCsv().RequireAuthorization(Policies.Member).WithName("ListMeetings")
            .WithSummary("The basin's joint meetings of a year, by date: ?year= (default this year), ?limit=1–500 (default 100), ?cursor= (from the Link header of the previous page).");
        group.MapGet("/{id}", One).RequireAuthorization(Policies.Member).RecordsReceipt(MeetingKind).WithName("GetMeeting")
            .WithSummary("One meeting with attendees, agenda, minutes, attachments, its decisions (overdue flagged) and the ledger decisions taken at it.");
        group.MapPost("/", Create).RequireAuthorization(convenors).RequireAntiforgery()
            .WithMetadata(new AuditedAs("joint.meeting.create")).WithName("CreateMeeting")
            .WithSummary("A coordinator or admin records a meeting {date, place, convenor, title, attendees[{organisation, name, role}], agenda[], minutes, attachments[]}.");
        group.MapPost("/{id}/amendments", Amend).RequireAuthorization(convenors).RequireAntiforgery()
            .WithMetadata(new AuditedAs(AmendAction)).WithName("AmendMeeting")
            .WithSummary("The convenor's side (or the organisation that recorded it), as coordinator or admin, amends a meeting after it was held "
                + "{attendees?, agenda?, minutes?, attachments?, reason?}: the fields given replace the recorded ones; audited with before and after, "
                + "and listed with the meeting as its amendments. 409 when it was amended meanwhile.");
        group.MapPost("/{id}/decisions", AddDecision).RequireAuthorization(convenors).RequireAntiforgery()
            .WithMetadata(new AuditedAs("joint.decision.create")).WithName("AddMeetingDecision")
            .WithSummary("A coordinator or admin records a decision of the meeting {text, owner, ownerPerson?, deadline}.");
        return group;
    }

    private static async Task<Results<Ok<MeetingSummaryDto[]>, ValidationProblem>> List(
        string? year, [AsParameters] Pager pager, ServerOptions options, IMeetingStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        int y = JointOrganisations.Today(clock).Year;
        if (year is not null && (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out y) || y is < 2000 or > 2100))
        {
            errors["year"] = ["must be a year 2000–2100"];
        }

        string scope = PageScope.Of(year);
        PageRequest page = pager.Read(ListName, scope, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        IReadOnlyList<Meeting> meetings = await store.ListMeetingsAsync(options.Basin.Id, new DateOnly(y, 1, 1), new DateOnly(y, 12, 31), cancellationToken);
        Meeting[] slice = pager.Slice(page, ListName, scope, meetings,
            m => string.Create(CultureInfo.InvariantCulture, $"{JointProblems.DateText(m.Date)}|{m.Id:D19}"));
        var summaries = new List<MeetingSummaryDto>(slice.Length);
        foreach (Meeting m in slice)
        {
            summaries.Add(await SummaryAsync(store, m, cancellationToken));
        }

        return TypedResults.Ok(summaries.ToArray());
    }

    public static async Task<MeetingSummaryDto[]> SummariesAsync(IMeetingStore store, string basin, int year, CancellationToken cancellationToken)
    {
        IReadOnlyList<Meeting> meetings = await store.ListMeetingsAsync(basin, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), cancellationToken);
        var summaries = new List<MeetingSummaryDto>(meetings.Count);
        foreach (Meeting m in meetings)
        {
            summaries.Add(await SummaryAsync(store, m, cancellationToken));
        }

        return [.. summaries];
    }

    private static async Task<MeetingSummaryDto> SummaryAsync(IMeetingStore store, Meeting m, CancellationToken cancellationToken)
    {
        IReadOnlyList<MeetingDecision> decisions = await store.ListDecisionsAsync(new DecisionQuery(DecisionQuery.MaxLimit, Meeting: m.Id), cancellationToken);
        return new(m.Id, JointProblems.DateText(m.Date), m.Place, m.Convenor, m.Title, decisions.Count, decisions.Count(d => d.State == DecisionState.Open));
    }

    private static async Task<Results<Ok<MeetingDto>, ProblemHttpResult, ValidationProblem>> One(
        string id, IMeetingStore store, IAttachmentStore attachments, IAuditStore audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (JointProblems.IdOf(id) is not long number)
        {
            return JointProblems.Invalid("id", "must be a meeting id (1 or more)");
        }

        return await store.FindMeetingAsync(number, cancellationToken) is Meeting meeting
            ? TypedResults.Ok(await ViewAsync(meeting, store, attachments, audit, clock, cancellationToken))
            : BasinsApi.NotFoundProblem(MeetingKind, id);
    }

    private static async Task<Results<Created<MeetingDto>, ValidationProblem>> Create(
        MeetingRequest request, HttpContext context, [AsParameters] JointServices services, CancellationToken cancellationToken)
    {
        var errors = new List<JointError>();
        DateOnly? date = JointProblems.DateOf(request.Date, "date", errors);
        IReadOnlySet<string> organisations = await services.Organisations.AllAsync(cancellationToken);
        errors.AddRange(MeetingRules.CheckMeeting(date, request.Place, request.Convenor, request.Title,
            request.Attendees?.Select(a => (a?.Organisation, a?.Name, a?.Role)).ToArray(), request.Agenda, request.Minutes, request.Attachments, organisations));
        string[] attachmentIds = [.. (request.Attachments ?? []).Distinct(StringComparer.Ordinal)];
        if (errors.Count == 0)
        {
            for (int i = 0; i < attachmentIds.Length; i++)
            {
                if (await services.Attachments.FindAttachmentAsync(attachmentIds[i], cancellationToken) is null)
                {
                    errors.Add(new(string.Create(CultureInfo.InvariantCulture, $"attachments[{Array.IndexOf(request.Attachments!, attachmentIds[i])}]"),
                        "is not an uploaded attachment (POST /api/v1/joint/attachments first)"));
                }
            }
        }

        if (errors.Count > 0)
        {
            return JointProblems.Invalid(errors);
        }

        AuditActorOf(context, out string user, out string organisation);
        Meeting meeting = await services.Meetings.CreateMeetingAsync(new Meeting(0, services.Options.Basin.Id, date!.Value, request.Place!.Trim(), request.Convenor!,
            request.Title!.Trim(), [.. request.Attendees!.Select(a => new MeetingAttendee(a.Organisation!, a.Name!.Trim(), a.Role?.Trim() ?? ""))],
            [.. request.Agenda ?? []], request.Minutes ?? "", attachmentIds, user, organisation, services.Clock.GetUtcNow()), cancellationToken);

        // A meeting is shared with every organisation of the basin, and so are the files attached to it.
        foreach (string attachment in attachmentIds)
        {
            StoredAttachment stored = (await services.Attachments.FindAttachmentAsync(attachment, cancellationToken))!;
            await services.Attachments.AddAttachmentAsync(stored with { SharedWith = [.. organisations] }, cancellationToken);
        }

        string key = meeting.Id.ToString(CultureInfo.InvariantCulture);
        await services.Receipts.DeliverAsync(services.Clock, MeetingKind, key, organisations, cancellationToken);
        await JointProblems.AuditAsync(services.Audit, services.Clock, context, "joint.meeting.create", $"meeting/{key}", null,
            new { date = request.Date, meeting.Convenor, meeting.Title, attachments = attachmentIds.Length }, null, cancellationToken);
        return TypedResults.Created($"/api/v1/joint/meetings/{key}", await ViewAsync(meeting, services.Meetings, services.Attachments, services.Audit, services.Clock, cancellationToken));
    }

    private static async Task<Results<Created<MeetingDecisionDto>, ProblemHttpResult, ValidationProblem>> AddDecision(
        string id, NewDecisionRequest request, HttpContext context, [AsParameters] JointServices services, CancellationToken cancellationToken)
    {
        if (JointProblems.IdOf(id) is not long number)
        {
            return JointProblems.Invalid("id", "must be a meeting id (1 or more)");
        }

        if (await services.Meetings.FindMeetingAsync(number, cancellationToken) is null)
        {
            return BasinsApi.NotFoundProblem(MeetingKind, id);
        }

        var errors = new List<JointError>();
        DateOnly? deadline = JointProblems.DateOf(request.Deadline, "deadline", errors);
        IReadOnlySet<string> organisations = await services.Organisations.AllAsync(cancellationToken);
        errors.AddRange(MeetingRules.CheckDecision(request.Text, request.Owner, request.OwnerPerson, deadline, organisations));
        if (errors.Count > 0)
        {
            return JointProblems.Invalid(errors);
        }

        AuditActorOf(context, out string user, out _);
        MeetingDecision decision = await services.Meetings.AddDecisionAsync(new MeetingDecision(0, number, request.Text!.Trim(), request.Owner!,
            request.OwnerPerson?.Trim() ?? "", deadline!.Value, DecisionState.Open, "", user, services.Clock.GetUtcNow()), cancellationToken);
        string key = decision.Id.ToString(CultureInfo.InvariantCulture);
        await services.Receipts.DeliverAsync(services.Clock, DecisionsApi.DecisionKind, key, organisations, cancellationToken);
        await JointProblems.AuditAsync(services.Audit, services.Clock, context, "joint.decision.create", $"decision/{key}", null,
            new { meeting = number, decision.Owner, deadline = request.Deadline, state = "open" }, null, cancellationToken);
        return TypedResults.Created($"/api/v1/joint/decisions/{key}", DecisionsApi.View(decision, JointOrganisations.Today(services.Clock)));
    }

    private static async Task<Results<Ok<MeetingDto>, ProblemHttpResult, ValidationProblem>> Amend(
        string id, MeetingAmendmentRequest request, HttpContext context, [AsParameters] JointServices services, CancellationToken cancellationToken)
    {
        if (JointProblems.IdOf(id) is not long number)
        {
            return JointProblems.Invalid("id", "must be a meeting id (1 or more)");
        }

        if (await services.Meetings.FindMeetingAsync(number, cancellationToken) is not Meeting meeting)
        {
            return BasinsApi.NotFoundProblem(MeetingKind, id);
        }

        string target = string.Create(CultureInfo.InvariantCulture, $"meeting/{meeting.Id}");
        AuditActorOf(context, out _, out string organisation);
        if (MeetingRules.AmendRefusal(meeting, organisation) is string refusal)
        {
            await JointProblems.AuditAsync(services.Audit, services.Clock, context, AmendAction, target, null, null, refusal, cancellationToken);
            return JointProblems.Forbidden(refusal);
        }

        var errors = new List<JointError>();
        if (request.Attendees is null && request.Agenda is null && request.Minutes is null && request.Attachments is null)
        {
            errors.Add(new("amendment", "changes nothing: give attendees, agenda, minutes or attachments"));
        }

        if (request.Reason is { Length: > MeetingRules.MaxShortText })
        {
            errors.Add(new("reason", string.Create(CultureInfo.InvariantCulture, $"is at most {MeetingRules.MaxShortText} characters")));
        }

        // The amended meeting is checked whole, as a new one is; the date, place, convenor and title stay as recorded.
        IReadOnlySet<string> organisations = await services.Organisations.AllAsync(cancellationToken);
        (string?, string?, string?)[] attendees = request.Attendees is null
            ? [.. meeting.Attendees.Select(a => ((string?)a.Organisation, (string?)a.Name, (string?)a.Role))]
            : [.. request.Attendees.Select(a => (a?.Organisation, a?.Name, a?.Role))];
        errors.AddRange(MeetingRules.CheckMeeting(meeting.Date, meeting.Place, meeting.Convenor, meeting.Title, attendees,
            request.Agenda ?? [.. meeting.Agenda], request.Minutes ?? meeting.Minutes, request.Attachments ?? [.. meeting.Attachments], organisations));
        string[] added = [.. (request.Attachments ?? []).Distinct(StringComparer.Ordinal).Except(meeting.Attachments, StringComparer.Ordinal)];
        if (errors.Count == 0)
        {
            foreach (string attachment in added)
            {
                if (await services.Attachments.FindAttachmentAsync(attachment, cancellationToken) is null)
                {
                    errors.Add(new(string.Create(CultureInfo.InvariantCulture, $"attachments[{Array.IndexOf(request.Attachments!, attachment)}]"),
                        "is not an uploaded attachment (POST /api/v1/joint/attachments first)"));
                }
            }
        }

        Meeting amended = meeting with
        {
            Attendees = request.Attendees is null ? meeting.Attendees
                : [.. request.Attendees.Select(a => new MeetingAttendee(a?.Organisation ?? "", a?.Name?.Trim() ?? "", a?.Role?.Trim() ?? ""))],
            Agenda = request.Agenda is null ? meeting.Agenda : [.. request.Agenda],
            Minutes = request.Minutes ?? meeting.Minutes,
            Attachments = request.Attachments is null ? meeting.Attachments : [.. request.Attachments.Distinct(StringComparer.Ordinal)],
        };
        Dictionary<string, object> before = Fields(meeting), after = Fields(amended);
        string[] changed = [.. before.Keys.Where(k => JsonSerializer.Serialize(before[k]) != JsonSerializer.Serialize(after[k]))];
        if (errors.Count == 0 && changed.Length == 0)
        {
            errors.Add(new("amendment", "changes nothing: the fields given are as recorded"));
        }

        if (errors.Count > 0)
        {
            return JointProblems.Invalid(errors);
        }

        if (!await services.Meetings.AmendMeetingAsync(amended, meeting, cancellationToken))
        {
            return TypedResults.Problem($"Meeting {meeting.Id} was amended meanwhile: reload it and amend that.", statusCode: StatusCodes.Status409Conflict,
                title: "Changed meanwhile");
        }

        // Files attached by the amendment are shared as the meeting is: with every organisation of the basin.
        foreach (string attachment in added)
        {
            StoredAttachment stored = (await services.Attachments.FindAttachmentAsync(attachment, cancellationToken))!;
            await services.Attachments.AddAttachmentAsync(stored with { SharedWith = [.. organisations] }, cancellationToken);
        }

        await JointProblems.AuditAsync(services.Audit, services.Clock, context, AmendAction, target, changed.ToDictionary(k => k, k => before[k]),
            changed.ToDictionary(k => k, k => after[k]).Append(new("reason", request.Reason ?? "")).ToDictionary(), null, cancellationToken);
        return TypedResults.Ok(await ViewAsync(amended, services.Meetings, services.Attachments, services.Audit, services.Clock, cancellationToken));
    }

    // What an amendment may change, by field name, as the audit log keeps it before and after.
    private static Dictionary<string, object> Fields(Meeting m) => new(StringComparer.Ordinal)
    {
        ["attendees"] = m.Attendees.Select(a => new AttendeeDto(a.Organisation, a.Name, a.Role)).ToArray(),
        ["agenda"] = m.Agenda,
        ["minutes"] = m.Minutes,
        ["attachments"] = m.Attachments,
    };

    // The meeting's amendments, oldest first, as the audit log recorded them.
    private static async Task<MeetingAmendmentDto[]> AmendmentsAsync(IAuditStore audit, long meeting, CancellationToken cancellationToken)
    {
        string target = string.Create(CultureInfo.InvariantCulture, $"meeting/{meeting}");
        IReadOnlyList<AuditEntry> entries = await audit.ListAsync(new AuditQuery(AuditQuery.MaxLimit, Action: AmendAction), cancellationToken);
        return [.. entries.Where(e => e.Record.Target == target && e.Record.Outcome == AuditOutcome.Done).OrderBy(e => e.Sequence).Select(e =>
        {
            using JsonDocument after = JsonDocument.Parse(e.Record.After ?? "{}");
            string[] fields = [.. after.RootElement.EnumerateObject().Select(p => p.Name).Where(n => n != "reason")];
            string? reason = after.RootElement.TryGetProperty("reason", out JsonElement r) && r.GetString() is { Length: > 0 } text ? text : null;
            return new MeetingAmendmentDto(e.Record.Actor, e.Record.Organisation, e.Record.At, fields, reason);
        })];
    }

    public static async Task<MeetingDto> ViewAsync(
        Meeting m, IMeetingStore store, IAttachmentStore attachments, IAuditStore audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        DateOnly today = JointOrganisations.Today(clock);
        IReadOnlyList<MeetingDecision> decisions = await store.ListDecisionsAsync(new DecisionQuery(DecisionQuery.MaxLimit, Meeting: m.Id), cancellationToken);
        IReadOnlyList<LedgerDecisionLink> ledger = await store.LedgerDecisionsAsync(m.Id, cancellationToken);
        var files = new List<AttachmentRefDto>(m.Attachments.Count);
        foreach (string id in m.Attachments)
        {
            StoredAttachment? a = await attachments.FindAttachmentAsync(id, cancellationToken);
            files.Add(new(id, a?.FileName, a?.MediaType, a?.Size, a?.MediaType is "image/jpeg" or "image/png"));
        }

        return new MeetingDto(m.Id, m.Basin, JointProblems.DateText(m.Date), m.Place, m.Convenor, m.Title,
            [.. m.Attendees.Select(a => new AttendeeDto(a.Organisation, a.Name, a.Role))], [.. m.Agenda], m.Minutes, [.. files], m.CreatedBy,
            m.CreatedOrganisation, m.CreatedAt, [.. decisions.Select(d => DecisionsApi.View(d, today))],
            [.. ledger.Select(l => new LedgerDecisionDto(l.Agreement, l.Period, l.Outcome, l.Reason, l.DecidedBy, l.Organisation, l.DecidedAt))],
            await AmendmentsAsync(audit, m.Id, cancellationToken));
    }

    private static void AuditActorOf(HttpContext context, out string user, out string organisation)
    {
        user = SessionClaims.Name(context.User);
        organisation = SessionClaims.OrganisationOf(context.User);
    }
}

/// <summary>What the joint endpoints need, bound as one parameter.</summary>
internal sealed record JointServices(
    [FromServices] ServerOptions Options, [FromServices] IMeetingStore Meetings, [FromServices] IAttachmentStore Attachments,
    [FromServices] IReceiptStore Receipts, [FromServices] IAuditStore Audit, [FromServices] JointOrganisations Organisations,
    [FromServices] TimeProvider Clock);
