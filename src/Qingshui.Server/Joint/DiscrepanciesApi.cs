using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Qingshui.Domain.Access;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Joint;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Api.Paging;
using Qingshui.Storage;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>
/// <c>/api/v1/joint/discrepancies</c>: discrepancies between the two stations of a section, seen by members of every
/// organisation; closed with a cause by an operator or reviewer of either station's jurisdiction, or a coordinator.
/// Closing needs the session's antiforgery header and is audited, refusals too.
/// </summary>
internal static class DiscrepanciesApi
{
    private const int DefaultLimit = 50;

    /// <summary>The kind of record a discrepancy's receipts name.</summary>
    public const string DiscrepancyKind = "discrepancy";

    private const string ListName = "joint-discrepancies";

    public static RouteGroupBuilder MapDiscrepanciesApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/joint/discrepancies").WithTags("Joint monitoring");
        group.MapGet("/", List).WithCsv("discrepancies").WithName("ListDiscrepancies").WithSummary(
            $"Discrepancies, newest first: ?status=open|closed, ?section=, ?item= (NH3N or w21003), ?year=, ?limit=1–{DiscrepancyQuery.MaxLimit} (default {DefaultLimit}), ?cursor= (the answer's nextCursor; also in the Link header).");
        group.MapGet("/{id}", One).RecordsReceipt(DiscrepancyKind).WithName("GetDiscrepancy").WithSummary("One discrepancy, with its closing when closed.");
        var closers = new AuthorizeAttribute { Roles = $"{Policies.Of(Role.Operator)},{Policies.Of(Role.Reviewer)},{Policies.Of(Role.Coordinator)}" };
        group.MapPost("/{id}/close", Close).RequireAuthorization(closers).RequireAntiforgery()
            .WithMetadata(new AuditedAs("joint.discrepancy.close")).WithName("CloseDiscrepancy").WithSummary(
                "Closes an open discrepancy {cause: " + string.Join("|", JointWords.CauseByWord.Keys) + $", text (1–{DiscrepancyRules.MaxTextLength} characters)}}; "
                + "an operator or reviewer of either station's jurisdiction, or a coordinator.");
        return group;
    }

    private static async Task<Results<Ok<DiscrepancyPageDto>, ValidationProblem>> List(
        string? status, string? section, string? item, string? year, string? limit, string? cursor, PageCursors cursors, HttpContext context, ServerOptions options,
        IDiscrepancyStore store, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        bool? open = status switch { null => null, "open" => true, "closed" => false, _ => null };
        if (status is not (null or "open" or "closed"))
        {
            errors["status"] = ["must be open or closed"];
        }

        if (section is not null && options.Basin.FindSection(section) is null)
        {
            errors["section"] = [$"'{(section.Length > 64 ? section[..64] + "…" : section)}' is not a section of this basin"];
        }

        StandardItem? standard = item is null ? null : StandardItems.Find(item) ?? StandardItems.ForParameter(item);
        if (item is not null && standard is null)
        {
            errors["item"] = [$"'{(item.Length > 64 ? item[..64] + "…" : item)}' is neither a GB 3838 item id (NH3N) nor its HJ 212 code (w21003)"];
        }

        int? y = null;
        if (year is not null)
        {
            if (int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && QueryTime.CheckYear(parsed, "year", errors))
            {
                y = parsed;
            }
            else
            {
                errors.TryAdd("year", [$"'{(year.Length > 16 ? year[..16] + "…" : year)}' is not a year like 2024"]);
            }
        }

        int count = Paging.Limit(limit, DefaultLimit, DiscrepancyQuery.MaxLimit, errors);
        string scope = PageScope.Of(status, section, item, year);
        long? after = NewestFirst.Before(cursors, ListName, scope, cursor, null, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        IReadOnlyList<Discrepancy> page = await store.ListDiscrepanciesAsync(new DiscrepancyQuery(count, open, section, standard?.Id, y, after), cancellationToken);
        return TypedResults.Ok(new DiscrepancyPageDto([.. page.Select(Dto)], new JointPager(cursor, cursors, context).Next(ListName, scope, page.Count, count, page.Count > 0 ? page[^1].Id : 0)));
    }

    private static async Task<Results<Ok<DiscrepancyDto>, ProblemHttpResult, ValidationProblem>> One(string id, IDiscrepancyStore store, CancellationToken cancellationToken)
    {
        if (Paging.IdOf(id) is not long number)
        {
            return Paging.BadId("discrepancy");
        }

        return await store.FindDiscrepancyAsync(number, cancellationToken) is Discrepancy d ? TypedResults.Ok(Dto(d)) : BasinsApi.NotFoundProblem("discrepancy", id);
    }

    private static async Task<Results<Ok<DiscrepancyDto>, ProblemHttpResult, ValidationProblem>> Close(
        string id, DiscrepancyCloseRequest? request, HttpContext context, [AsParameters] DiscrepancyServices services)
    {
        CancellationToken cancellationToken = context.RequestAborted;
        if (Paging.IdOf(id) is not long number)
        {
            return Paging.BadId("discrepancy");
        }

        var errors = new Dictionary<string, string[]>();
        DiscrepancyCause cause = default;
        if (request?.Cause is null || !JointWords.CauseByWord.TryGetValue(request.Cause, out cause))
        {
            errors["cause"] = ["must be one of " + string.Join(", ", JointWords.CauseByWord.Keys)];
        }

        string text = request?.Text?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors["text"] = ["is required: what was found and done"];
        }
        else if (text.Length > DiscrepancyRules.MaxTextLength)
        {
            errors["text"] = [string.Create(CultureInfo.InvariantCulture, $"is {text.Length} characters; at most {DiscrepancyRules.MaxTextLength}")];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await services.Store.FindDiscrepancyAsync(number, cancellationToken) is not Discrepancy d)
        {
            return BasinsApi.NotFoundProblem("discrepancy", id);
        }

        AuditActor actor = AccessDenials.ActorOf(context);
        var attempt = new { cause = request!.Cause, text };
        Role[] roles = JointAccess.RolesOf(context);
        string? jurisdiction = await JointAccess.JurisdictionOfAsync(context, services.Accounts, cancellationToken);
        if (DiscrepancyRules.RefusalToClose(d, roles, actor.Organisation, jurisdiction) is string refusal)
        {
            await AuditAsync(services, actor, d, AuditOutcome.Refused, refusal, attempt, cancellationToken);
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }

        var closing = new DiscrepancyClosing(cause, text, actor.Name, actor.Organisation, services.Clock.GetUtcNow());
        if (await services.Store.CloseAsync(number, closing, cancellationToken) is not Discrepancy closed)
        {
            const string why = "The discrepancy is already closed.";
            await AuditAsync(services, actor, d, AuditOutcome.Refused, why, attempt, cancellationToken);
            return TypedResults.Problem(why, statusCode: StatusCodes.Status409Conflict, title: "Already closed");
        }

        await AuditAsync(services, actor, d, AuditOutcome.Done, null, attempt, cancellationToken);
        Log.DiscrepancyClosed(services.Logger, closed.Id, actor.Name, actor.Organisation, request.Cause!);
        return TypedResults.Ok(Dto(closed));
    }

    private static async Task AuditAsync(
        DiscrepancyServices services, AuditActor actor, Discrepancy d, AuditOutcome outcome, string? reason, object after, CancellationToken cancellationToken) =>
        await services.Audit.AppendAsync(AuditRecord.Create(services.Clock.GetUtcNow(), actor, "joint.discrepancy.close", DiscrepancyScan.Target(d), outcome, reason,
            JsonSerializer.Serialize(new { status = d.IsOpen ? "open" : "closed" }), JsonSerializer.Serialize(after, JsonAnswer.Options)), cancellationToken);

    public static DiscrepancyDto Dto(Discrepancy d) => new(
        d.Id, d.Section, d.StationA, d.StationB, [.. d.Jurisdictions], d.ItemId, StandardItems.Find(d.ItemId)?.ParameterCode ?? "",
        d.Period.Kind == PeriodKind.Day ? "day" : "month", d.Period.ToString(), d.MeanA, d.MeanB, d.Difference, d.Tolerance, d.OpenedAt,
        d.IsOpen ? "open" : "closed",
        d.Closing is DiscrepancyClosing c ? new DiscrepancyClosingDto(JointWords.Word(c.Cause), c.Text, c.Actor, c.Organisation, c.At) : null);
}

/// <summary>What closing a discrepancy needs, bound by <c>[AsParameters]</c>.</summary>
internal sealed record DiscrepancyServices(
    [FromServices] IDiscrepancyStore Store, [FromServices] IAccountStore Accounts, [FromServices] IAuditStore Audit, [FromServices] TimeProvider Clock,
    [FromServices] ILogger<DiscrepancyScan> Logger);
