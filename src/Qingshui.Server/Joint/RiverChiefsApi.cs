using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Access;
using Qingshui.Domain.Import;
using Qingshui.Domain.Joint;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Api.Paging;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>
/// <c>/api/v1/joint/river-chiefs</c>: the roster of river chiefs per reach and bank. Members read it; an operator adds,
/// changes or imports the chiefs of their own side, a coordinator those of either side. Writes need the antiforgery
/// header and are audited, refusals too.
/// </summary>
internal static class RiverChiefsApi
{
    /// <summary>The largest CSV roster accepted, in bytes.</summary>
    public const int MaxCsvBytes = 1024 * 1024;

    private const string ListName = "joint-river-chiefs";

    public static RouteGroupBuilder MapRiverChiefsApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/joint/river-chiefs").WithTags("Joint patrols");
        group.MapGet("/", List).WithCsv("chiefs").RequireAuthorization(Policies.Member).WithName("ListRiverChiefs").WithSummary(
            $"River chiefs, newest first: ?basin=, ?side=, ?from=&to= (days the term overlaps), ?limit=1–{JointQuery.MaxLimit} (default {PatrolListQuery.DefaultLimit}), ?cursor= (the answer's nextCursor; also in the Link header).");
        group.MapGet("/{id}", One).RequireAuthorization(Policies.Member).WithName("GetRiverChief").WithSummary("One river chief.");
        var writers = new AuthorizeAttribute { Roles = $"{Policies.Of(Role.Operator)},{Policies.Of(Role.Coordinator)}" };
        group.MapPost("/", Add).RequireAuthorization(writers).RequireAntiforgery().WithMetadata(new AuditedAs("joint.river-chief.add"))
            .WithName("AddRiverChief").WithSummary("Adds a chief {reach, bank: left|right, side, level: province|city|county|township|village, name, organisation, contact?, termFrom, termTo?}.");
        group.MapPut("/{id}", Change).RequireAuthorization(writers).RequireAntiforgery().WithMetadata(new AuditedAs("joint.river-chief.change"))
            .WithName("ChangeRiverChief").WithSummary("Replaces a chief's fields (same body as adding).");
        group.MapPost("/import", Import).RequireAuthorization(writers).RequireAntiforgery().WithMetadata(new AuditedAs("joint.river-chief.import"))
            .WithName("ImportRiverChiefs").WithSummary(
                $"Adds the chiefs of a CSV body (header reach,bank,side,level,name,organisation,contact,term-from,term-to; at most {MaxCsvBytes} bytes, {RiverChiefCsv.MaxLines} lines): every bad line is named and nothing is applied.");
        return group;
    }

    private static async Task<Results<Ok<RiverChiefPageDto>, ValidationProblem>> List([AsParameters] JointListQuery query, CancellationToken cancellationToken)
    {
        JointList list = query.Open(ListName);
        if (list.Invalid is ValidationProblem invalid)
        {
            return invalid;
        }

        IReadOnlyList<RiverChief> chiefs = await query.Desk.Store.ListRiverChiefsAsync(list.Query, cancellationToken);
        DateTimeOffset now = query.Desk.Now;
        return TypedResults.Ok(new RiverChiefPageDto([.. chiefs.Select(c => PatrolViews.Of(c, now))], list.Next(chiefs, c => c.Id)));
    }

    private static async Task<Results<Ok<RiverChiefDto>, ProblemHttpResult, ValidationProblem>> One(string id, PatrolDesk desk, CancellationToken cancellationToken)
    {
        if (PatrolDesk.IdOf(id) is not long number)
        {
            return PatrolDesk.BadId("river chief");
        }

        return await desk.Store.FindRiverChiefAsync(number, cancellationToken) is RiverChief chief
            ? TypedResults.Ok(PatrolViews.Of(chief, desk.Now))
            : PatrolDesk.NotFound("river chief", id);
    }

    private static async Task<Results<Created<RiverChiefDto>, ProblemHttpResult, ValidationProblem>> Add(RiverChiefRequest request, HttpContext context, PatrolDesk desk)
    {
        (RiverChief? chief, IReadOnlyList<PatrolError> errors) = RiverChief.Create(Fields(request), desk.Basin);
        if (chief is null)
        {
            return PatrolDesk.Invalid(errors);
        }

        const string action = "joint.river-chief.add";
        if (await RefusalAsync(context, desk, chief.Side) is string why)
        {
            return await desk.RefuseAsync(context, action, "river-chief/new", why, request);
        }

        RiverChief stored = (await desk.Store.AddRiverChiefsAsync([chief], context.RequestAborted))[0];
        RiverChiefDto dto = PatrolViews.Of(stored, desk.Now);
        await desk.AuditAsync(context, action, Target(stored.Id), null, null, dto);
        return TypedResults.Created($"/api/v1/joint/river-chiefs/{stored.Id}", dto);
    }

    private static async Task<Results<Ok<RiverChiefDto>, ProblemHttpResult, ValidationProblem>> Change(string id, RiverChiefRequest request, HttpContext context, PatrolDesk desk)
    {
        if (PatrolDesk.IdOf(id) is not long number)
        {
            return PatrolDesk.BadId("river chief");
        }

        (RiverChief? fields, IReadOnlyList<PatrolError> errors) = RiverChief.Create(Fields(request), desk.Basin);
        if (fields is null)
        {
            return PatrolDesk.Invalid(errors);
        }

        const string action = "joint.river-chief.change";
        if (await desk.Store.FindRiverChiefAsync(number, context.RequestAborted) is not RiverChief current)
        {
            return PatrolDesk.NotFound("river chief", id);
        }

        // Both the side it was and the side it becomes must be the actor's: no side moves a chief of the other.
        if ((await RefusalAsync(context, desk, current.Side) ?? await RefusalAsync(context, desk, fields.Side)) is string why)
        {
            return await desk.RefuseAsync(context, action, Target(number), why, request);
        }

        StoredChange<RiverChief>? change = await desk.Store.ChangeRiverChiefAsync(number, c => c.Side == current.Side ? fields with { Id = c.Id } : null, context.RequestAborted);
        if (change?.After is not RiverChief after)
        {
            return TypedResults.Problem("The chief changed side while this change was made; read it again.", statusCode: StatusCodes.Status409Conflict, title: "Changed meanwhile");
        }

        RiverChiefDto dto = PatrolViews.Of(after, desk.Now);
        await desk.AuditAsync(context, action, Target(number), null, PatrolViews.Of(change.Before, desk.Now), dto);
        return TypedResults.Ok(dto);
    }

    private static async Task<Results<Ok<RiverChiefImportDto>, ProblemHttpResult, ValidationProblem>> Import(HttpContext context, PatrolDesk desk)
    {
        const string action = "joint.river-chief.import";
        if (context.Request.ContentLength > MaxCsvBytes)
        {
            return PatrolDesk.Invalid("body", string.Create(CultureInfo.InvariantCulture, $"is {context.Request.ContentLength} bytes; at most {MaxCsvBytes}"));
        }

        byte[]? bytes = await PatrolUpload.ReadAsync(context.Request, MaxCsvBytes);
        if (bytes is null)
        {
            return PatrolDesk.Invalid("body", string.Create(CultureInfo.InvariantCulture, $"is over {MaxCsvBytes} bytes"));
        }

        TextDecodeResult text = TextFileDecoder.Decode(bytes);
        if (text.Text is not string decoded)
        {
            return PatrolDesk.Invalid("body", text.Error ?? "is not text");
        }

        string[] lines = decoded.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        (IReadOnlyList<RiverChief> chiefs, IReadOnlyList<RiverChiefLineError> lineErrors) = RiverChiefCsv.Read(lines, desk.Basin);
        if (lineErrors.Count > 0)
        {
            return TypedResults.ValidationProblem(lineErrors.GroupBy(e => string.Create(CultureInfo.InvariantCulture, $"line {e.Line}: {e.Field}"), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal), title: "Nothing was imported: the roster has bad lines");
        }

        var refused = new List<string>();
        for (int i = 0; i < chiefs.Count; i++)
        {
            if (await RefusalAsync(context, desk, chiefs[i].Side) is string why)
            {
                refused.Add(string.Create(CultureInfo.InvariantCulture, $"chief {i + 1} ({chiefs[i].Name}): {why}"));
            }
        }

        if (refused.Count > 0)
        {
            return await desk.RefuseAsync(context, action, "river-chiefs", "Nothing was imported: " + string.Join("; ", refused.Take(10)), new { chiefs = chiefs.Count });
        }

        IReadOnlyList<RiverChief> stored = await desk.Store.AddRiverChiefsAsync(chiefs, context.RequestAborted);
        await desk.AuditAsync(context, action, "river-chiefs", null, null, new { imported = stored.Count, ids = stored.Select(c => c.Id) });
        DateTimeOffset now = desk.Now;
        return TypedResults.Ok(new RiverChiefImportDto(stored.Count, [.. stored.Select(c => PatrolViews.Of(c, now))]));
    }

    // An operator keeps the roster of their own side; a coordinator acts for the basin.
    private static async Task<string?> RefusalAsync(HttpContext context, PatrolDesk desk, string side)
    {
        if (PatrolDesk.IsCoordinator(context))
        {
            return null;
        }

        PatrolActor actor = await desk.ActorAsync(context);
        return actor.Side == side ? null
            : $"Organisation '{actor.Organisation}' acts for {actor.Side ?? "no jurisdiction"}; the river chiefs of {side} are kept by {side}'s operators or a coordinator.";
    }

    private static RiverChiefFields Fields(RiverChiefRequest r) => new(r.Reach, r.Bank, r.Side, r.Level, r.Name, r.Organisation, r.Contact, r.TermFrom, r.TermTo);

    private static string Target(long id) => string.Create(CultureInfo.InvariantCulture, $"river-chief/{id}");
}
