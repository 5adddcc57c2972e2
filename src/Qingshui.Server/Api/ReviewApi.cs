using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Access;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Network;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Contracts;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Api.Paging;
using Qingshui.Server.Ingest;
using Qingshui.Server.Review;
using Qingshui.Storage;

namespace Qingshui.Server.Api;

/// <summary>
/// <c>/api/v1/review</c>: review of stations' data by people. Members read the queue, a month's state and the decisions; a
/// <c>reviewer</c> of the station's own jurisdiction decides on readings (confirm, invalidate, correct, with a reason) and
/// closes or reopens months. Every write needs the session's antiforgery header and is audited, refusals included.
/// </summary>
internal static class ReviewApi
{
    public const int MaxPageSize = 200;
    public const int MaxDecisions = 500;
    public const long MaxBodyBytes = 8 * 1024;

    public static RouteGroupBuilder MapReviewApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/review").WithTags("Review");
        group.MapGet("/queue", Queue).WithCsv("rows").RequireAuthorization(Policies.Member).WithName("ReviewQueue").WithSummary(
            $"A month's review queue, one row per station: ?month=YYYY-MM (required), ?station=, ?section=, ?operator=, ?state=unreviewed|closed|reopened, "
            + $"?needs=1 (only rows with readings to review or incomplete parameters), ?page= (from 1), ?pageSize=1–{MaxPageSize} (default 50); or ?cursor= (the answer's nextCursor) instead of ?page=.");
        group.MapGet("/decisions", Decisions).WithCsv("decisions").RequireAuthorization(Policies.Member).WithName("ReviewDecisions").WithSummary(
            $"Decisions on a station, newest first: ?station= (required), ?parameter=, ?from=&to= (overlapping; default all), ?limit=1–{MaxDecisions} (default 100), ?cursor= (the answer's nextCursor).");
        group.MapGet("/decisions/{id}", Decision).RequireAuthorization(Policies.Member).WithName("GetReviewDecision").WithSummary(
            "One decision by the id its list gives (as the list shows it); 404 when there is none.");
        group.MapGet("/revisions", Revisions).RequireAuthorization(Policies.Member).WithName("ReviewRevisions").WithSummary(
            "The readings of a station's parameter over [from, to) (at most 32 days) that review changed, each with every revision, oldest first "
            + "(the value before any decision and after each): ?station=, ?parameter=, ?from=&to= (required), ?kind= (default hour).");
        group.MapGet("/reasons", Reasons).WithCsv().RequireAuthorization(Policies.Member).WithName("ReviewReasons").WithSummary(
            "The reasons a review decision may give, in order: each code (what a decision's reason names) with its name in Chinese and English.");
        group.MapGet("/months/{mn}/{month}", Month).RequireAuthorization(Policies.Member).WithName("ReviewMonth").WithSummary(
            "A station-month's review state (unreviewed, closed, reopened), its closings and reopenings, each parameter's completeness and readings still to review, "
            + "and each review level's state (closed by whom and when, or open) with whether the reader reviews the station there (mine).");

        RouteGroupBuilder writes = group.MapGroup("").RequireAuthorization(Policies.Of(Role.Reviewer)).RequireAntiforgery()
            .WithMetadata(new BodyLimit(MaxBodyBytes));
        writes.MapPost("/decisions", Decide).WithMetadata(new AuditedAs(ReviewDesk.DecideAction)).WithName("ReviewDecide").WithSummary(
            "reviewer of the station's jurisdiction decides on a parameter's readings over [from, to) (at most 32 days): {station, parameter, from, to, "
            + "action: confirm|invalidate|correct, value (to correct), reason (a code of GET /api/v1/review/reasons), note, level? (a review level the user holds)}. "
            + "Each reading becomes a new revision; a closed month refuses (409). Agreements using the station are recomputed.");
        writes.MapPost("/months/{mn}/{month}/close", Close).WithMetadata(new AuditedAs(ReviewDesk.CloseAction)).WithName("ReviewCloseMonth")
            .WithSummary("reviewer of the station at a review level closes a station-month there {reason?, level?} (by default the lowest level the user "
                + "reviews it at): levels close in order, lowest first; once every level has closed it its data count as reviewed; decisions need a reopening.");
        writes.MapPost("/months/{mn}/{month}/reopen", Reopen).WithMetadata(new AuditedAs(ReviewDesk.ReopenAction)).WithName("ReviewReopenMonth")
            .WithSummary("reviewer of the station at a review level reopens a station-month closed there {reason (required), level?}: the closed levels "
                + "above reopen too; provisional again until every level has closed it anew.");
        group.MapPost("/consents", Consent).RequireAuthorization(Policies.Of(Role.Finance)).RequireAntiforgery().WithMetadata(new BodyLimit(MaxBodyBytes))
            .WithMetadata(new AuditedAs(ReviewDesk.ConsentAction)).WithName("ReviewConsent").WithSummary(
                "finance of a party records its consent to settle a year although some of its months are not closed by review {agreement, year, reason}; "
                + "the year closes on unreviewed months once every party has consented.");
        return group;
    }

    /// <summary>The reasons decisions give: one list for the answer here and for checking decisions.</summary>
    public static ReviewSettings Settings => ReviewSettings.Default;

    private static Ok<ReviewReasonDto[]> Reasons() =>
        TypedResults.Ok(Settings.Described().Select(r => new ReviewReasonDto(r.Code, new NameDto(r.Name.Chinese, r.Name.English))).ToArray());

    private static async Task<Results<Ok<ConsentDto>, ValidationProblem, ProblemHttpResult>> Consent(
        ConsentRequest request, HttpContext context, ServerOptions options, Parties parties, IReviewStore store, TimeProvider clock, ReviewDesk desk,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Domain.Compensation.Agreement? agreement = Required(request.Agreement, "agreement", errors) is string id
            ? options.Agreements.FirstOrDefault(a => a.Id == id) : null;
        if (request.Agreement is not null && agreement is null)
        {
            errors["agreement"] = [$"'{Bounded(request.Agreement)}' is not an agreement of this server"];
        }

        if (request.Year is not int year || agreement is not null && (year < agreement.TermStart.Year || year > agreement.TermEnd.Year))
        {
            errors["year"] = [request.Year is null ? "is required" : "is outside the agreement's term"];
            year = 0;
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = ["is required (for example the joint meeting's minutes)"];
        }
        else if (request.Reason.Length > ReviewSettings.MaxNoteLength)
        {
            errors["reason"] = [string.Create(CultureInfo.InvariantCulture, $"is {request.Reason.Length} characters; at most {ReviewSettings.MaxNoteLength}")];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        AuditActor actor = AccessDenials.ActorOf(context);
        string target = string.Create(CultureInfo.InvariantCulture, $"{agreement!.Id}/{year}");
        if (await parties.PartyOfAsync(context.User, agreement, cancellationToken) is not string party)
        {
            string refusal = $"Organisation '{actor.Organisation}' is not a party to {agreement.Id} ({string.Join(", ", agreement.Parties.Select(p => p.Id))}).";
            await desk.RefusedAsync(actor, ReviewDesk.ConsentAction, target, refusal, cancellationToken);
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }

        var consent = new UnreviewedConsent(agreement.Id, year, party, actor.Name, clock.GetUtcNow(), request.Reason!);
        AuditRecord entry = AuditRecord.Create(consent.At, actor, ReviewDesk.ConsentAction, target, AuditOutcome.Done, null, null,
            System.Text.Json.JsonSerializer.Serialize(new { party, reason = consent.Reason }, JsonAnswer.Options));
        if (!await store.ConsentAsync(consent, entry, cancellationToken))
        {
            return TypedResults.Problem($"{party} has already consented for {target}", statusCode: StatusCodes.Status409Conflict, title: "Already recorded");
        }

        IReadOnlyList<UnreviewedConsent> all = await store.ConsentsAsync(agreement.Id, year, cancellationToken);
        return TypedResults.Ok(new ConsentDto(agreement.Id, year, all.ToDictionary(c => c.Party, c => c.By, StringComparer.Ordinal),
            agreement.Parties.All(p => all.Any(c => c.Party == p.Id))));
    }

    private static async Task<Results<Ok<ReviewDecisionAnswer>, ValidationProblem, ProblemHttpResult>> Decide(
        ReviewDecisionRequest request, HttpContext context, ReviewDesk desk, StationRegister register, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Station? station = Required(request.Station, "station", errors) is string mn ? register.Find(mn) : null;
        if (request.Station is not null && station is null)
        {
            errors["station"] = [$"'{Bounded(request.Station)}' is not a registered station"];
        }

        string? parameter = Required(request.Parameter, "parameter", errors);
        if (parameter is not null && parameter.Length > 16)
        {
            errors["parameter"] = [$"'{Bounded(parameter)}' is not a parameter code (at most 16 characters)"];
        }

        DateTimeOffset from = QueryTime.Parse(Required(request.From, "from", errors), "from", default, errors);
        DateTimeOffset to = QueryTime.Parse(Required(request.To, "to", errors), "to", default, errors);
        if (!ReviewActions.TryParse(request.Action, out ReviewAction action))
        {
            errors["action"] = [request.Action is null ? "is required: confirm, invalidate or correct" : $"'{Bounded(request.Action)}' is not confirm, invalidate or correct"];
        }

        if (errors.Count == 0)
        {
            foreach (ReviewError e in ReviewRules.Check(Settings, from, to, action, request.Value, request.Reason, request.Note))
            {
                errors[e.Field] = [e.Message];
            }
        }

        int? level = null;
        if (request.Level is string named)
        {
            level = desk.Levels.NumberOf(named);
            if (level == 0)
            {
                errors["level"] = [$"'{Bounded(named)}' is not a review level: {string.Join(", ", desk.Levels.Ids)}"];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        AuditActor actor = AccessDenials.ActorOf(context);
        var decision = new ReviewDecision(station!.DeviceId, parameter!, from.ToOffset(station.UtcOffset), to.ToOffset(station.UtcOffset), action,
            request.Value, request.Reason!, request.Note ?? "", actor.Name, actor.Organisation, clock.GetUtcNow().ToOffset(station.UtcOffset));
        if (await desk.RefusalAsync(context.User, station, cancellationToken, level) is string refusal)
        {
            await desk.RefusedAsync(actor, ReviewDesk.DecideAction, ReviewDesk.Target(decision), refusal, cancellationToken);
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }

        (ReviewApplyResult result, IReadOnlyList<string> recomputed) = await desk.ApplyAsync([decision], actor, cancellationToken, request.Level);
        return result.Refusal is string closed
            ? TypedResults.Problem(closed, statusCode: StatusCodes.Status409Conflict, title: "The month is closed by review")
            : TypedResults.Ok(new ReviewDecisionAnswer(Dto(result.Decisions[0]), recomputed));
    }

    private static async Task<Results<Ok<ReviewDecisionsDto>, ValidationProblem>> Decisions(
        [AsParameters] ReviewDecisionsQuery query, StationRegister register, IReviewStore store, PageCursors cursors, HttpContext context,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (Required(query.Station, "station", errors) is string mn && register.Find(mn) is null)
        {
            errors["station"] = [$"'{Bounded(mn)}' is not a registered station"];
        }

        DateTimeOffset from = QueryTime.Parse(query.From, "from", DateTimeOffset.UnixEpoch, errors);
        DateTimeOffset to = QueryTime.Parse(query.To, "to", new DateTimeOffset(QueryTime.LastYear + 1, 1, 1, 0, 0, 0, TimeSpan.Zero), errors);
        int limit = 100;
        if (query.Limit is not null && (!int.TryParse(query.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxDecisions))
        {
            errors["limit"] = [$"must be a whole number 1–{MaxDecisions}"];
        }

        string scope = PageScope.Of(query.Station, query.Parameter, query.From, query.To);
        long? before = NewestFirst.Before(cursors, "review-decisions", scope, query.Cursor, null, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        IReadOnlyList<StoredReviewDecision> decisions = await store.DecisionsAsync(query.Station!, query.Parameter, from, to, limit, cancellationToken, before);
        string? next = decisions.Count > 0 ? NewestFirst.Next(cursors, context, "review-decisions", scope, decisions.Count, limit, decisions[^1].Id) : null;
        return TypedResults.Ok(new ReviewDecisionsDto(decisions.Select(Dto).ToArray(), next));
    }

    private static async Task<Results<Ok<ReviewDecisionDto>, ValidationProblem, ProblemHttpResult>> Decision(
        string id, IReviewStore store, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long number) || number < 1)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["must be a decision's id (a whole number, 1 or more)"] });
        }

        return await store.DecisionAsync(number, cancellationToken) is StoredReviewDecision decision
            ? TypedResults.Ok(Dto(decision))
            : BasinsApi.NotFoundProblem("review decision", id);
    }

    private static async Task<Results<Ok<ReviewRevisionsDto>, ValidationProblem>> Revisions(
        [AsParameters] ReviewRevisionsQuery query, StationRegister register, IReadingStore store, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (Required(query.Station, "station", errors) is string mn && register.Find(mn) is null)
        {
            errors["station"] = [$"'{Bounded(mn)}' is not a registered station"];
        }

        if (Required(query.Parameter, "parameter", errors) is string code && code.Length > 16)
        {
            errors["parameter"] = [$"'{Bounded(code)}' is not a parameter code (at most 16 characters)"];
        }

        DateTimeOffset from = QueryTime.Parse(Required(query.From, "from", errors), "from", default, errors);
        DateTimeOffset to = QueryTime.Parse(Required(query.To, "to", errors), "to", default, errors);
        ReadingKind kind = StationsApi.KindOf(query.Kind, errors) ?? ReadingKind.Hour;
        if (!errors.ContainsKey("from") && !errors.ContainsKey("to") && (to <= from || to - from > ReviewSettings.MaxRange))
        {
            errors["to"] = [string.Create(CultureInfo.InvariantCulture, $"must be after 'from' and at most {ReviewSettings.MaxRange.TotalDays} days after it")];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Only readings at revision 1 or later were changed; their earlier rows are kept in reading_revisions.
        IReadOnlyList<StoredReading> current = await store.ReadingsAsync(new ReadingQuery(query.Station!, query.Parameter, kind, from, to), cancellationToken);
        var readings = new List<RevisedReadingDto>();
        foreach (StoredReading reading in current.Where(r => r.Revision > 0))
        {
            IReadOnlyList<StoredReading> earlier = await store.RevisionsAsync(query.Station!, query.Parameter!, kind, reading.Reading.PeriodStart, cancellationToken);
            readings.Add(new RevisedReadingDto(reading.Reading.PeriodStart, [.. earlier.Append(reading).Select(r => new ReadingRevisionDto(
                r.Revision, r.Reading.Value, r.Reading.Valid, r.Reading.Flag, r.Reading.ScreenRule))]));
        }

        return TypedResults.Ok(new ReviewRevisionsDto(query.Station!, query.Parameter!, kind.ToString(), readings));
    }

    private static async Task<Results<Ok<ReviewMonthDto>, ValidationProblem, ProblemHttpResult>> Month(
        string mn, string month, HttpContext context, ReviewDesk desk, StationRegister register, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        DateOnly? start = MonthOf(month, errors);
        if (register.Find(mn) is not Station found)
        {
            return BasinsApi.NotFoundProblem("station", mn);
        }

        return start is DateOnly first ? TypedResults.Ok(await desk.MonthAsync(found, first, context.User, cancellationToken)) : TypedResults.ValidationProblem(errors);
    }

    private static Task<Results<Ok<ReviewMonthDto>, ValidationProblem, ProblemHttpResult>> Close(
        string mn, string month, ReviewMonthRequest? request, HttpContext context, ReviewDesk desk, StationRegister register, TimeProvider clock,
        CancellationToken cancellationToken) =>
        StepAsync(mn, month, request, closed: true, context, desk, register, clock, cancellationToken);

    private static Task<Results<Ok<ReviewMonthDto>, ValidationProblem, ProblemHttpResult>> Reopen(
        string mn, string month, ReviewMonthRequest? request, HttpContext context, ReviewDesk desk, StationRegister register, TimeProvider clock,
        CancellationToken cancellationToken) =>
        StepAsync(mn, month, request, closed: false, context, desk, register, clock, cancellationToken);

    private static async Task<Results<Ok<ReviewMonthDto>, ValidationProblem, ProblemHttpResult>> StepAsync(
        string station, string month, ReviewMonthRequest? request, bool closed, HttpContext context, ReviewDesk desk, StationRegister register,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (register.Find(station) is not Station found)
        {
            return BasinsApi.NotFoundProblem("station", station);
        }

        var errors = new Dictionary<string, string[]>();
        DateOnly? first = MonthOf(month, errors);
        string reason = request?.Reason ?? "";
        if (!closed && string.IsNullOrWhiteSpace(reason))
        {
            errors["reason"] = ["is required to reopen a closed month (why its reviewed data must change)"];
        }
        else if (reason.Length > ReviewSettings.MaxNoteLength)
        {
            errors["reason"] = [string.Create(CultureInfo.InvariantCulture, $"is {reason.Length} characters; at most {ReviewSettings.MaxNoteLength}")];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        int level = request?.Level is string id ? desk.Levels.NumberOf(id) : 0;
        if (request?.Level is string named && level == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["level"] = [$"'{Bounded(named)}' is not a review level: {string.Join(", ", desk.Levels.Ids)}"],
            });
        }

        AuditActor actor = AccessDenials.ActorOf(context);
        if (level == 0)
        {
            // Without a level: the lowest the user reviews the station at (a refusal below when there is none).
            IReadOnlyList<int> mine = await desk.LevelsOfAsync(context.User, found, cancellationToken);
            level = mine.Count > 0 ? mine[0] : 0;
        }

        if (await desk.RefusalAsync(context.User, found, cancellationToken, level == 0 ? null : level) is string refusal)
        {
            await desk.RefusedAsync(actor, closed ? ReviewDesk.CloseAction : ReviewDesk.ReopenAction, $"{found.DeviceId}/{month}", refusal, cancellationToken);
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }

        var step = new MonthReviewStep(found.DeviceId, first!.Value, closed, actor.Name, actor.Organisation, clock.GetUtcNow(), reason, level);
        return await desk.StepAsync(step, actor, cancellationToken) is string refused
            ? TypedResults.Problem(refused, statusCode: StatusCodes.Status409Conflict, title: "Not possible in the month's state")
            : TypedResults.Ok(await desk.MonthAsync(found, first.Value, context.User, cancellationToken));
    }

    private static async Task<Results<Ok<ReviewQueueDto>, ValidationProblem>> Queue(
        [AsParameters] ReviewQueueQuery query, ReviewDesk desk, PageCursors cursors, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        DateOnly? month = MonthOf(Required(query.Month, "month", errors), errors);
        if (query.State is not (null or "unreviewed" or "closed" or "reopened"))
        {
            errors["state"] = ["must be unreviewed, closed or reopened"];
        }

        if (query.Needs is not (null or "0" or "1"))
        {
            errors["needs"] = ["must be 1 (only what needs review) or 0"];
        }

        int page = WholeNumber(query.Page, "page", 1, 1, int.MaxValue / MaxPageSize, errors);
        int pageSize = WholeNumber(query.PageSize, "pageSize", 50, 1, MaxPageSize, errors);
        string scope = PageScope.Of(query.Month, query.Station, query.Section, query.Operator, query.State, query.Needs);
        string? after = null;
        if (query.Cursor is not null && query.Page is not null)
        {
            errors["cursor"] = ["cannot be given with 'page': the cursor already says where the page starts"];
        }
        else if (query.Cursor is not null)
        {
            after = cursors.TryRead("review-queue", scope, query.Cursor, 1, out string[] keys, out string error) ? keys[0] : null;
            if (after is null)
            {
                errors["cursor"] = [error];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Rows are in MN order: the cursor holds the last MN answered, so stations registered meanwhile take their place once.
        var filter = new QueueFilter(query.Station, query.Section, query.Operator, query.State, query.Needs == "1");
        ReviewQueueDto queue = await desk.QueueAsync(month!.Value, filter, page, pageSize, after, cancellationToken);
        string? next = queue.More ? cursors.Issue("review-queue", scope, queue.Rows[^1].Station) : null;
        if (next is not null)
        {
            PageRequest.LinkNext(context, next);
        }

        return TypedResults.Ok(queue with { NextCursor = next });
    }

    private static ReviewDecisionDto Dto(StoredReviewDecision s) => new(
        s.Id, s.Decision.StationId, s.Decision.Parameter, s.Decision.From, s.Decision.To, ReviewActions.Text(s.Decision.Action), s.Decision.Value,
        s.Decision.Reason, s.Decision.Note, s.Decision.By, s.Decision.Organisation, s.Decision.At, s.Readings);

    private static DateOnly? MonthOf(string? text, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        DateTimeOffset? start = QueryTime.ParseMonth(text.Length > 10 ? text[..10] : text, "month", errors);
        return start is DateTimeOffset s ? DateOnly.FromDateTime(s.DateTime) : null;
    }

    private static string? Required(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors[name] = ["is required"];
        }

        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static int WholeNumber(string? text, string name, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = [string.Create(CultureInfo.InvariantCulture, $"must be a whole number {min}–{max}")];
        return fallback;
    }

    private static string Bounded(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
