using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Access;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Compensation;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Contracts;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Compensation;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Api;

/// <summary>
/// Ledger writes over the web, through the same <see cref="SettlementService"/> and ledger rules as <c>qingshui settle</c>:
/// a party's <c>finance</c> confirms its own side (of a period, or of a proposed adjustment of a confirmed one), records
/// decisions and closes years; finance or a coordinator may have a year recomputed from the stored readings at once.
/// Each write needs the session's antiforgery header, is audited with the user, organisation and remote address, and
/// answers the year's statement as it stands afterwards, or the ledger's refusal (409).
/// </summary>
internal static class LedgerApi
{
    private const string ReasonField = "reason";

    public static RouteGroupBuilder MapLedgerApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/agreements").WithTags("Compensation").RequireAntiforgery();
        group.MapPost("/{id}/periods/{period}/confirmations", Confirm).RequireAuthorization(Policies.Of(Role.Finance))
            .WithMetadata(new AuditedAs(SettlementService.ConfirmAction)).WithName("ConfirmPeriod")
            .WithSummary("finance of a party confirms its own side of a period ({party} optional: one's own). Another party's side: 403, audited.");
        group.MapPost("/{id}/periods/{period}/decisions", Decide).RequireAuthorization(Policies.Of(Role.Finance))
            .WithMetadata(new AuditedAs(SettlementService.DecideAction)).WithName("DecidePeriod")
            .WithSummary("finance of a party records the decision for an undetermined period {outcome: met|missed|none, reason}; "
                + "the account is recomputed, and each party then confirms it.");
        group.MapPost("/{id}/years/{year:int}/close", Close).RequireAuthorization(Policies.Of(Role.Finance))
            .WithMetadata(new AuditedAs(SettlementService.CloseAction)).WithName("CloseYear")
            .WithSummary("finance of a party settles a year once both parties confirmed every period (else 409).");
        // Finance of either party, or the coordinator: recomputing only records what the stored readings say, and what
        // changed after sign-off becomes a proposal that each party still confirms for itself.
        group.MapPost("/{id}/years/{year:int}/recompute", Recompute)
            .RequireAuthorization(new AuthorizeAttribute { Roles = $"{Policies.Of(Role.Finance)},{Policies.Of(Role.Coordinator)}" })
            .WithMetadata(new AuditedAs(SettlementService.RecomputeAction)).WithName("RecomputeYear")
            .WithSummary("finance of a party, or a coordinator, recomputes the year from the stored readings now (the ledger job does it every few minutes): "
                + "drafts are replaced, a changed confirmed period becomes a proposed adjustment that each party confirms. Answers the statement.");
        return group;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult, ValidationProblem>> Confirm(
        string id, string period, ConfirmationRequest? request, HttpContext context, ServerOptions options, SettlementService settlements,
        IAuthorizationService authorization, Parties parties, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Find(options, id, period) is not (Agreement agreement, Period target))
        {
            return Missing(options, id, period);
        }

        // A party the agreement does not name is a bad request, not a refusal: nothing of it reaches the audit log.
        if (request?.Party is string named && agreement.Parties.All(p => p.Id != named))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["party"] = [$"is not a party to {agreement.Id} ({string.Join(", ", agreement.Parties.Select(p => p.Id))}); leave it out to confirm one's own side"],
            });
        }

        string? party = request?.Party ?? await parties.PartyOfAsync(context.User, agreement, cancellationToken);
        AuditActor actor = AccessDenials.ActorOf(context);
        if (await RefusedAsync(context.User, authorization, new PartySide(agreement, party)) is string refusal)
        {
            // Refused before the ledger sees it, yet audited like any refused ledger command, with the period's state.
            await settlements.ApplyAsync(agreement, actor, SettlementService.ConfirmAction, target, _ => LedgerResult.Refused(refusal), cancellationToken);
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }

        LedgerError? error = await settlements.ApplyAsync(agreement, actor, SettlementService.ConfirmAction, target,
            ledger => ledger.Confirm(target, party!, actor.Name, clock.GetUtcNow()), cancellationToken);
        return await AnswerAsync(settlements, agreement, target.Start.Year, error, cancellationToken);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult, ValidationProblem>> Decide(
        string id, string period, DecisionRequest request, HttpContext context, ServerOptions options, SettlementService settlements,
        IAuthorizationService authorization, TimeProvider clock, IMeetingStore meetings, CancellationToken cancellationToken)
    {
        if (Find(options, id, period) is not (Agreement agreement, Period target))
        {
            return Missing(options, id, period);
        }

        var errors = new Dictionary<string, string[]>();
        DecisionOutcome? outcome = request.Outcome switch
        {
            "met" => DecisionOutcome.TreatAsMet,
            "missed" => DecisionOutcome.TreatAsMissed,
            "none" => DecisionOutcome.NoPayment,
            _ => null,
        };
        if (outcome is null)
        {
            errors["outcome"] = [request.Outcome is null ? "is required: met, missed or none"
                : $"'{(request.Outcome.Length > 20 ? request.Outcome[..20] + "…" : request.Outcome)}' is not met, missed or none"];
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors[ReasonField] = ["is required (for example the joint meeting's minutes)"];
        }
        else if (request.Reason.Length > DecisionRequest.MaxReasonLength)
        {
            errors[ReasonField] = [string.Create(CultureInfo.InvariantCulture,
                $"is {request.Reason.Length} characters; at most {DecisionRequest.MaxReasonLength} (cite the minutes rather than copy them)")];
        }

        if (request.Meeting is long meeting && (meeting < 1 || await meetings.FindMeetingAsync(meeting, cancellationToken) is null))
        {
            errors["meeting"] = [string.Create(CultureInfo.InvariantCulture, $"there is no joint meeting {meeting}; leave it out if the decision was not taken at one")];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        AuditActor actor = AccessDenials.ActorOf(context);
        if (await RefusedAsync(context.User, authorization, new PartySide(agreement, null)) is string refusal)
        {
            await settlements.ApplyAsync(agreement, actor, SettlementService.DecideAction, target, _ => LedgerResult.Refused(refusal), cancellationToken);
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }

        LedgerError? error = await settlements.ApplyAsync(agreement, actor, SettlementService.DecideAction, target,
            ledger => ledger.Decide(new Decision(target, outcome!.Value, actor.Name, clock.GetUtcNow(), request.Reason!)), cancellationToken);
        if (error is null)
        {
            // The decision settles the account only once it is recomputed; do it now, as the one who decided.
            await settlements.RecomputeAsync(agreement, target.Start.Year, actor, cancellationToken);
            if (request.Meeting is long at)
            {
                await meetings.LinkLedgerDecisionAsync(new LedgerDecisionLink(at, agreement.Id, period, request.Outcome!, request.Reason!, actor.Name,
                    actor.Organisation, clock.GetUtcNow()), cancellationToken);
            }
        }

        return await AnswerAsync(settlements, agreement, target.Start.Year, error, cancellationToken);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult, ValidationProblem>> Close(
        string id, int year, HttpContext context, ServerOptions options, SettlementService settlements, IAuthorizationService authorization,
        IAuditStore audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (options.Agreements.FirstOrDefault(a => a.Id == id) is not Agreement agreement)
        {
            return BasinsApi.NotFoundProblem("agreement", id);
        }

        if (OutsideTerm(agreement, year) is ValidationProblem outside)
        {
            return outside;
        }

        if (await RefusedAsync(context.User, authorization, new PartySide(agreement, null)) is string refusal)
        {
            return await RefuseYearAsync(context, audit, clock, SettlementService.CloseAction, agreement, year, refusal, cancellationToken);
        }

        (Statement? statement, LedgerError? error) = await settlements.CloseAsync(agreement, year, AccessDenials.ActorOf(context), cancellationToken);
        return error is not null ? Refused(error) : TypedResults.Text(statement!.Json, "application/json; charset=utf-8");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult, ValidationProblem>> Recompute(
        string id, int year, HttpContext context, ServerOptions options, SettlementService settlements, IAuthorizationService authorization,
        IAuditStore audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (options.Agreements.FirstOrDefault(a => a.Id == id) is not Agreement agreement)
        {
            return BasinsApi.NotFoundProblem("agreement", id);
        }

        if (OutsideTerm(agreement, year) is ValidationProblem outside)
        {
            return outside;
        }

        // A coordinator works for the whole basin; finance only on agreements its organisation is a party to.
        if (!context.User.IsInRole(Policies.Of(Role.Coordinator))
            && await RefusedAsync(context.User, authorization, new PartySide(agreement, null)) is string refusal)
        {
            return await RefuseYearAsync(context, audit, clock, SettlementService.RecomputeAction, agreement, year, refusal, cancellationToken);
        }

        Statement statement = await settlements.RecomputeAsync(agreement, year, AccessDenials.ActorOf(context), auditUnchanged: true, cancellationToken);
        return TypedResults.Text(statement.Json, "application/json; charset=utf-8");
    }

    private static ValidationProblem? OutsideTerm(Agreement agreement, int year) =>
        year >= agreement.TermStart.Year && year <= agreement.TermEnd.Year ? null : TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["year"] = [string.Create(CultureInfo.InvariantCulture, $"{year} is outside the agreement's term ({agreement.TermStart:yyyy-MM} to {agreement.TermEnd:yyyy-MM})")],
        });

    // A refusal of a year's command, audited like the ledger's own refusals, answered as a 403 that says why.
    private static async Task<ProblemHttpResult> RefuseYearAsync(
        HttpContext context, IAuditStore audit, TimeProvider clock, string action, Agreement agreement, int year, string refusal, CancellationToken cancellationToken)
    {
        await audit.AppendAsync(AuditRecord.Create(clock.GetUtcNow(), AccessDenials.ActorOf(context), action,
            string.Create(CultureInfo.InvariantCulture, $"{agreement.Id}/{year}"), AuditOutcome.Refused, refusal, null, null), cancellationToken);
        return TypedResults.Problem(refusal, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
    }

    private static async Task<string?> RefusedAsync(ClaimsPrincipal user, IAuthorizationService authorization, PartySide side)
    {
        AuthorizationResult result = await authorization.AuthorizeAsync(user, side, PartyRequirement.Instance);
        return result.Succeeded ? null : string.Join(" ", result.Failure.FailureReasons.Select(r => r.Message).DefaultIfEmpty("Not a party's organisation."));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult, ValidationProblem>> AnswerAsync(
        SettlementService settlements, Agreement agreement, int year, LedgerError? error, CancellationToken cancellationToken) =>
        error is not null ? Refused(error) : TypedResults.Text((await settlements.StatementAsync(agreement, year, cancellationToken)).Json, "application/json; charset=utf-8");

    private static ProblemHttpResult Refused(LedgerError error) =>
        TypedResults.Problem(error.Message, statusCode: StatusCodes.Status409Conflict, title: "The ledger refused this");

    private static (Agreement, Period)? Find(ServerOptions options, string id, string period) =>
        options.Agreements.FirstOrDefault(a => a.Id == id) is Agreement agreement && PeriodOf(period) is Period target ? (agreement, target) : null;

    private static Results<ContentHttpResult, ProblemHttpResult, ValidationProblem> Missing(ServerOptions options, string id, string period) =>
        options.Agreements.All(a => a.Id != id)
            ? BasinsApi.NotFoundProblem("agreement", id)
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["period"] = [$"'{period}' is not a period (2020-03, 2020-Q1 or 2020)"] });

    // The ledger's own reader throws on text it did not write; from a URL, a typo is a 400.
    private static Period? PeriodOf(string text)
    {
        try
        {
            return LedgerJson.ParsePeriod(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            return null;
        }
    }
}
