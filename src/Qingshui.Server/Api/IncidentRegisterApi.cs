using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Access;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Incidents;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Contracts;
using Qingshui.Storage;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Compensation;

namespace Qingshui.Server.Api;

/// <summary>
/// Alert-opened incidents into an agreement's forfeiture register. A coordinator confirms an incident at one of the
/// agreement's sections as a pollution incident of a level, which proposes a register entry; each party's
/// <c>finance</c> confirms it for its own side, and the confirmation that completes it registers the incident and
/// recomputes its year (a draft changes, a signed period only gets a proposed adjustment). Writes need the antiforgery
/// header and are audited, refusals too.
/// </summary>
internal static class IncidentRegisterApi
{
    public static RouteGroupBuilder MapIncidentRegisterApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/agreements").WithTags("Compensation");
        group.MapGet("/{id}/incidents", Register).WithName("ListAgreementIncidents")
            .WithSummary("The agreement's incident register: registered incidents (each with its number in the register), and proposed ones (each by its "
                + "incident) with the parties that confirmed each and those awaited.");
        group.MapGet("/{id}/incidents/{number}", Registered).WithName("GetAgreementIncident")
            .WithSummary("One registered incident by its number in the register (1 the first registered), as the register lists it.");
        group.MapGet("/{id}/incidents/proposals/{incident}", Proposed).WithName("GetProposedAgreementIncident")
            .WithSummary("One proposed register entry by its alert-opened incident, with the parties that confirmed it and those awaited; 404 once every party "
                + "confirmed it (it is then in the register) or when it was never proposed.");
        group.MapPost("/{id}/incidents/proposals", Propose).RequireAuthorization(Policies.Of(Role.Coordinator)).RequireAntiforgery()
            .WithMetadata(new AuditedAs(SettlementService.IncidentProposeAction)).WithName("ProposeIncidentForRegister")
            .WithSummary("A coordinator confirms an alert-opened incident at a section of the agreement as a pollution incident {incident, level: I–IV, "
                + "confirmedBy?, description?}: a register entry is proposed, which counts once every party confirmed it. Answers the register.");
        group.MapPost("/{id}/incidents/proposals/{incident:long}/confirmations", Confirm).RequireAuthorization(Policies.Of(Role.Finance)).RequireAntiforgery()
            .WithMetadata(new AuditedAs(SettlementService.IncidentConfirmAction)).WithName("ConfirmProposedIncident")
            .WithSummary("finance of a party confirms a proposed register entry for its own side ({party} optional); the last confirmation registers it and "
                + "recomputes its year. Another party's side: 403, audited. Answers the register.");
        return group;
    }

    private static async Task<Results<Ok<IncidentRegisterDto>, ProblemHttpResult>> Register(
        string id, ServerOptions options, ILedgerStore ledgers, CancellationToken cancellationToken) =>
        options.Agreements.FirstOrDefault(a => a.Id == id) is Agreement agreement
            ? TypedResults.Ok(Dto(agreement, await ledgers.LoadAsync(agreement, cancellationToken)))
            : BasinsApi.NotFoundProblem("agreement", id);

    private static async Task<Results<Ok<RegisteredIncidentDto>, ProblemHttpResult, ValidationProblem>> Registered(
        string id, string number, ServerOptions options, ILedgerStore ledgers, CancellationToken cancellationToken)
    {
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out int place) || place < 1)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["number"] = ["must be the incident's number in the register (1 or more)"] });
        }

        if (options.Agreements.FirstOrDefault(a => a.Id == id) is not Agreement agreement)
        {
            return BasinsApi.NotFoundProblem("agreement", id);
        }

        IReadOnlyList<PollutionIncidentRecord> register = (await ledgers.LoadAsync(agreement, cancellationToken)).Incidents;
        return place <= register.Count
            ? TypedResults.Ok(Dto(register[place - 1], place - 1))
            : TypedResults.Problem(title: "No such registered incident", statusCode: StatusCodes.Status404NotFound, detail: string.Create(CultureInfo.InvariantCulture,
                $"The register of {agreement.Id} holds {register.Count} incident(s); there is no number {place}."));
    }

    private static async Task<Results<Ok<ProposedIncidentDto>, ProblemHttpResult, ValidationProblem>> Proposed(
        string id, string incident, ServerOptions options, ILedgerStore ledgers, CancellationToken cancellationToken)
    {
        if (!long.TryParse(incident, NumberStyles.None, CultureInfo.InvariantCulture, out long source) || source < 1)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["incident"] = ["must be an incident number (1 or more)"] });
        }

        if (options.Agreements.FirstOrDefault(a => a.Id == id) is not Agreement agreement)
        {
            return BasinsApi.NotFoundProblem("agreement", id);
        }

        return (await ledgers.LoadAsync(agreement, cancellationToken)).IncidentProposals.FirstOrDefault(p => p.Source == source) is IncidentProposal proposal
            ? TypedResults.Ok(Dto(agreement, proposal))
            : TypedResults.Problem(title: "No such proposed incident", statusCode: StatusCodes.Status404NotFound, detail: string.Create(CultureInfo.InvariantCulture,
                $"Incident {source} awaits no party's confirmation for the register of {agreement.Id}: it was never proposed, or every party confirmed it and it is registered."));
    }

    private static async Task<Results<Ok<IncidentRegisterDto>, ProblemHttpResult, ValidationProblem>> Propose(
        string id, IncidentProposalRequest request, HttpContext context, ServerOptions options, SettlementService settlements, IIncidentStore incidents,
        ILedgerStore ledgers, CancellationToken cancellationToken)
    {
        if (options.Agreements.FirstOrDefault(a => a.Id == id) is not Agreement agreement)
        {
            return BasinsApi.NotFoundProblem("agreement", id);
        }

        var errors = new Dictionary<string, string[]>();
        Incident? incident = request.Incident is long number and > 0 ? await incidents.FindIncidentAsync(number, cancellationToken) : null;
        if (incident is null)
        {
            errors["incident"] = [request.Incident is long n and > 0 ? $"no incident {n}" : "is required: the number of an incident the alerts opened"];
        }
        else if (agreement.Sections.All(s => s.Id != incident.Section))
        {
            errors["incident"] = [$"incident {incident.Id} is at section '{incident.Section}', not a section of {agreement.Id} ({string.Join(", ", agreement.Sections.Select(s => s.Id))})"];
        }

        if (request.Level is null || !IncidentLevels.ByText.ContainsKey(request.Level))
        {
            errors["level"] = ["is required: I (特别重大), II (重大), III (较大) or IV (一般)"];
        }

        if (request.ConfirmedBy is { } by && (string.IsNullOrWhiteSpace(by) || by.Length > PollutionIncidentRecord.MaxConfirmedByLength))
        {
            errors["confirmedBy"] = [string.Create(CultureInfo.InvariantCulture, $"is the confirming authority, 1–{PollutionIncidentRecord.MaxConfirmedByLength} characters (leave it out: the coordinator)")];
        }

        if (request.Description?.Length > PollutionIncidentRecord.MaxDescriptionLength)
        {
            errors["description"] = [string.Create(CultureInfo.InvariantCulture, $"is at most {PollutionIncidentRecord.MaxDescriptionLength} characters")];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        AuditActor actor = AccessDenials.ActorOf(context);
        var record = new PollutionIncidentRecord(incident!.Section, IncidentLevels.ByText[request.Level!], incident.OpenedAt, request.ConfirmedBy ?? actor.Name,
            request.Description ?? string.Create(CultureInfo.InvariantCulture, $"incident {incident.Id}"));
        if (await settlements.ProposeIncidentAsync(agreement, record, incident.Id, actor, cancellationToken) is LedgerError error)
        {
            return Refused(error);
        }

        return TypedResults.Ok(Dto(agreement, await ledgers.LoadAsync(agreement, cancellationToken)));
    }

    private static async Task<Results<Ok<IncidentRegisterDto>, ProblemHttpResult, ValidationProblem>> Confirm(
        string id, long incident, ConfirmationRequest? request, HttpContext context, ServerOptions options, SettlementService settlements,
        IAuthorizationService authorization, Parties parties, ILedgerStore ledgers, IAuditStore audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (options.Agreements.FirstOrDefault(a => a.Id == id) is not Agreement agreement)
        {
            return BasinsApi.NotFoundProblem("agreement", id);
        }

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
            // Refused before the ledger sees it, yet audited like the ledger's own refusals.
            await audit.AppendAsync(AuditRecord.Create(clock.GetUtcNow(), actor, SettlementService.IncidentConfirmAction,
                string.Create(CultureInfo.InvariantCulture, $"{agreement.Id}/incident/{incident}"), AuditOutcome.Refused, refusal, null, null), cancellationToken);
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }

        if (await settlements.ConfirmIncidentAsync(agreement, incident, party!, actor, cancellationToken) is LedgerError error)
        {
            return Refused(error);
        }

        return TypedResults.Ok(Dto(agreement, await ledgers.LoadAsync(agreement, cancellationToken)));
    }

    private static async Task<string?> RefusedAsync(ClaimsPrincipal user, IAuthorizationService authorization, PartySide side)
    {
        AuthorizationResult result = await authorization.AuthorizeAsync(user, side, PartyRequirement.Instance);
        return result.Succeeded ? null : string.Join(" ", result.Failure.FailureReasons.Select(r => r.Message).DefaultIfEmpty("Not a party's organisation."));
    }

    private static ProblemHttpResult Refused(LedgerError error) =>
        TypedResults.Problem(error.Message, statusCode: StatusCodes.Status409Conflict, title: "The ledger refused this");

    private static IncidentRegisterDto Dto(Agreement agreement, Ledger ledger) => new(
        [.. ledger.Incidents.Select((incident, index) => Dto(incident, index))], [.. ledger.IncidentProposals.Select(p => Dto(agreement, p))]);

    private static RegisteredIncidentDto Dto(PollutionIncidentRecord i, int index) =>
        new(index + 1, i.Section, IncidentLevels.Text(i.Level), i.OccurredAt, i.ConfirmedBy, i.Description);

    private static ProposedIncidentDto Dto(Agreement agreement, IncidentProposal p) => new(p.Source, p.Incident.Section, IncidentLevels.Text(p.Incident.Level),
        p.Incident.OccurredAt, p.Incident.ConfirmedBy, p.Incident.Description, p.ConfirmedBy, [.. agreement.Parties.Select(x => x.Id).Where(x => !p.ConfirmedBy.ContainsKey(x))]);
}
