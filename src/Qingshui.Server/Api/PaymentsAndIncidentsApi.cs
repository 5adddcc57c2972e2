using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Access;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Compensation;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Contracts;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Compensation;

namespace Qingshui.Server.Api;

/// <summary>
/// Payments and incidents over the web. The paying party's <c>finance</c> records a payment (an instalment) against a
/// year's net, through the same ledger rule as <c>qingshui settle pay</c>; a <c>coordinator</c> registers a pollution
/// incident as <c>qingshui settle incident</c> does. Each needs the antiforgery header, is audited (refusals too), and
/// answers the year's statement (its <c>payments</c> show what is paid, outstanding and overdue).
/// </summary>
internal static class PaymentsAndIncidentsApi
{
    public static RouteGroupBuilder MapPaymentsAndIncidentsApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/agreements").WithTags("Compensation").RequireAntiforgery();
        group.MapPost("/{id}/years/{year:int}/payments", Pay).RequireAuthorization(Policies.Of(Role.Finance))
            .WithMetadata(new AuditedAs(SettlementService.PayAction)).WithName("RecordPayment")
            .WithSummary("finance of the paying party records a payment against the year's net {payee, amount, paidOn, reference, payer?}: "
                + "at most what is outstanding, not after today, a reference not used before (else 409). Answers the statement.");
        group.MapPost("/{id}/incidents", RecordIncident).RequireAuthorization(Policies.Of(Role.Coordinator))
            .WithMetadata(new AuditedAs(SettlementService.IncidentAction)).WithName("RecordPollutionIncident")
            .WithSummary("a coordinator registers a pollution incident {section, level: I–IV, occurredAt, confirmedBy, description}; "
                + "the year it occurred in is recomputed, so the agreement's incident term reaches its account. Answers that year's statement.");
        return group;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult, ValidationProblem>> RecordIncident(
        string id, IncidentRequest request, HttpContext context, ServerOptions options, SettlementService settlements, CancellationToken cancellationToken)
    {
        if (options.Agreements.FirstOrDefault(a => a.Id == id) is not Agreement agreement)
        {
            return BasinsApi.NotFoundProblem("agreement", id);
        }

        var errors = new Dictionary<string, string[]>();
        if (request.Section is null || agreement.Sections.All(s => s.Id != request.Section))
        {
            errors["section"] = [$"is {(request.Section is null ? "required" : "not a section of " + agreement.Id)} ({string.Join(", ", agreement.Sections.Select(s => s.Id))})"];
        }

        if (request.Level is null || !IncidentLevels.ByText.ContainsKey(request.Level))
        {
            errors["level"] = ["is required: I (特别重大), II (重大), III (较大) or IV (一般)"];
        }

        if (request.OccurredAt is null)
        {
            errors["occurredAt"] = ["is required: when it occurred, like 2024-05-03T14:00:00+08:00"];
        }

        if (string.IsNullOrWhiteSpace(request.ConfirmedBy) || request.ConfirmedBy.Length > PollutionIncidentRecord.MaxConfirmedByLength)
        {
            errors["confirmedBy"] = [string.Create(CultureInfo.InvariantCulture, $"is required: the confirming authority, at most {PollutionIncidentRecord.MaxConfirmedByLength} characters")];
        }

        if (request.Description?.Length > PollutionIncidentRecord.MaxDescriptionLength)
        {
            errors["description"] = [string.Create(CultureInfo.InvariantCulture, $"is at most {PollutionIncidentRecord.MaxDescriptionLength} characters")];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var incident = new PollutionIncidentRecord(request.Section!, IncidentLevels.ByText[request.Level!], request.OccurredAt!.Value, request.ConfirmedBy!, request.Description ?? "");
        if (await settlements.RecordIncidentAsync(agreement, incident, AccessDenials.ActorOf(context), cancellationToken) is LedgerError error)
        {
            return TypedResults.Problem(error.Message, statusCode: StatusCodes.Status409Conflict, title: "The ledger refused this");
        }

        int year = agreement.LocalDate(incident.OccurredAt).Year;
        return TypedResults.Text((await settlements.StatementAsync(agreement, year, cancellationToken)).Json, "application/json; charset=utf-8");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult, ValidationProblem>> Pay(
        string id, int year, PaymentRequest request, HttpContext context, ServerOptions options, SettlementService settlements,
        IAuthorizationService authorization, Parties parties, IAuditStore audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (options.Agreements.FirstOrDefault(a => a.Id == id) is not Agreement agreement)
        {
            return BasinsApi.NotFoundProblem("agreement", id);
        }

        Dictionary<string, string[]> errors = Validate(agreement, year, request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // The payer is the caller's own party unless named; naming another party's side is refused, and audited.
        string? payer = request.Payer ?? await parties.PartyOfAsync(context.User, agreement, cancellationToken);
        AuthorizationResult allowed = await authorization.AuthorizeAsync(context.User, new PartySide(agreement, payer), PartyRequirement.Instance);
        if (!allowed.Succeeded)
        {
            string refusal = string.Join(" ", allowed.Failure.FailureReasons.Select(r => r.Message).DefaultIfEmpty("Not a party's organisation."));
            await audit.AppendAsync(AuditRecord.Create(clock.GetUtcNow(), AccessDenials.ActorOf(context), SettlementService.PayAction,
                string.Create(CultureInfo.InvariantCulture, $"{agreement.Id}/{year}"), AuditOutcome.Refused, refusal, null, null), cancellationToken);
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }

        var payment = new Instalment(year, payer!, request.Payee!, request.Amount!.Value,
            DateOnly.ParseExact(request.PaidOn!, "yyyy-MM-dd", CultureInfo.InvariantCulture), request.Reference!);
        if (await settlements.PayAsync(agreement, payment, AccessDenials.ActorOf(context), cancellationToken) is LedgerError error)
        {
            return TypedResults.Problem(error.Message, statusCode: StatusCodes.Status409Conflict, title: "The ledger refused this");
        }

        return TypedResults.Text((await settlements.StatementAsync(agreement, year, cancellationToken)).Json, "application/json; charset=utf-8");
    }

    // Every field's problem at once, each named; the ledger then judges the payment against the year's net.
    private static Dictionary<string, string[]> Validate(Agreement agreement, int year, PaymentRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        string partyList = string.Join(", ", agreement.Parties.Select(p => p.Id));
        if (year < agreement.TermStart.Year || year > agreement.TermEnd.Year)
        {
            errors["year"] = [string.Create(CultureInfo.InvariantCulture, $"{year} is outside the agreement's term ({agreement.TermStart:yyyy-MM} to {agreement.TermEnd:yyyy-MM})")];
        }

        if (request.Payer is string payer && agreement.Parties.All(p => p.Id != payer))
        {
            errors["payer"] = [$"is not a party to {agreement.Id} ({partyList}); leave it out to pay for one's own side"];
        }

        if (request.Payee is null || agreement.Parties.All(p => p.Id != request.Payee))
        {
            errors["payee"] = [request.Payee is null ? $"is required: the party paid ({partyList})" : $"is not a party to {agreement.Id} ({partyList})"];
        }

        if (request.Amount is not decimal amount || amount <= 0 || amount != Math.Round(amount, 2) || amount > PaymentRequest.MaxAmount)
        {
            errors["amount"] = [request.Amount is null ? "is required: yuan paid, to the fen"
                : string.Create(CultureInfo.InvariantCulture, $"{request.Amount} is not a positive sum in yuan to the fen (at most {PaymentRequest.MaxAmount:0})")];
        }

        if (!DateOnly.TryParseExact(request.PaidOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors["paidOn"] = [request.PaidOn is null ? "is required: the day the money moved, like 2025-04-20" : "is not a day like 2025-04-20"];
        }

        if (string.IsNullOrWhiteSpace(request.Reference) || request.Reference.Length > Ledger.MaxReferenceLength)
        {
            errors["reference"] = [string.Create(CultureInfo.InvariantCulture, $"is required: the payment's document or transfer reference, 1 to {Ledger.MaxReferenceLength} characters")];
        }

        return errors;
    }
}
