using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Access;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Network;
using Qingshui.Hj212;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Contracts;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Api.Paging;
using Qingshui.Server.Commands;
using Qingshui.Server.Ingest;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Commands;

namespace Qingshui.Server.Api;

/// <summary>
/// Commands to a station over its open HJ 212 connection: tightening its real-time interval (1061 then 1062) and
/// restoring it, by an operator of the station's own jurisdiction or a coordinator (audited, antiforgery); and the
/// station's command log with every answer, for members.
/// </summary>
internal static class StationCommandsApi
{
    public const string IntervalAction = "station.realtime-interval";
    private const int DefaultLimit = 50;
    private const int MaxLimit = 200;
    private const int MaxReferenceLength = 64;

    public static RouteGroupBuilder MapStationCommandsApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/stations").WithTags("Stations");
        group.MapPost("/{mn}/realtime-interval", SetInterval)
            .RequireAuthorization(new AuthorizeAttribute { Roles = $"{Policies.Of(Role.Operator)},{Policies.Of(Role.Coordinator)}" })
            .RequireAntiforgery().WithMetadata(new AuditedAs(IntervalAction), new BodyLimit(4 * 1024)).WithName("SetStationRealtimeInterval")
            .WithSummary("operator of the station's jurisdiction, or a coordinator: {action: tighten, seconds: 30–3600, reference?} asks the station its "
                + "real-time interval (1061), remembers it for the reference and sets the new one (1062); {action: restore, reference?} sets the "
                + "remembered one back. 200 when the station answered done; 409 when it refused or has no open connection; 504 when it did not answer.");
        group.MapGet("/{mn}/commands", Commands).WithCsv("commands").RequireAuthorization(Policies.Member).WithName("ListStationCommands")
            .WithSummary($"Commands sent to the station, newest first, each with the station's answers (9011, data, 9012). ?limit=1–{MaxLimit} (default {DefaultLimit}), ?before=<id> or ?cursor= (the answer's nextCursor).");
        group.MapGet("/{mn}/commands/{command}", Command).RequireAuthorization(Policies.Member).WithName("GetStationCommand")
            .WithSummary("One command of the station's log (its id as the list gives it) with the station's answers; 404 for a command of another station.");
        return group;
    }

    private static async Task<Results<Ok<StationCommandOutcomeDto>, ValidationProblem, ProblemHttpResult>> SetInterval(
        string mn, RealtimeIntervalRequest request, ClaimsPrincipal user, HttpContext context, StationRegister register, StationDesk desk,
        IRealtimeIntervalControl control, IStationCommandStore log, IAuditStore audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (register.Find(mn) is not Station station)
        {
            return BasinsApi.NotFoundProblem("station", mn);
        }

        AuditActor actor = AccessDenials.ActorOf(context);
        if (!user.IsInRole(Policies.Of(Role.Coordinator)) && await desk.JurisdictionOfAsync(user, cancellationToken) is var own && own != station.Operator)
        {
            string refusal = own is null
                ? $"Organisation '{actor.Organisation}' acts for no jurisdiction of the basin; only an operator of the station's own jurisdiction or a coordinator may command it."
                : $"Organisation '{actor.Organisation}' acts for jurisdiction '{own}'; station {station.DeviceId} is run by '{station.Operator}', "
                    + "whose operators (or a coordinator) alone may command it.";
            await audit.AppendAsync(AuditRecord.Create(clock.GetUtcNow(), actor, IntervalAction, station.DeviceId, AuditOutcome.Refused, refusal, null, null), cancellationToken);
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }

        if (Check(request) is Dictionary<string, string[]> errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        string reference = request.Reference ?? "manual";
        string before = HoldsJson(await log.OpenHoldsAsync(station.DeviceId, cancellationToken));
        // Once sent, a command runs to its answers or its time limit even if the caller goes away: the log and the hold must say what happened.
        StationCommandOutcome outcome = request.Action == "tighten"
            ? await control.TightenAsync(station.DeviceId, request.Seconds!.Value, reference, CancellationToken.None)
            : await control.RestoreAsync(station.DeviceId, reference, CancellationToken.None);
        StationCommandOutcomeDto dto = Dto(outcome);
        string after = JsonSerializer.Serialize(new { action = request.Action, seconds = request.Seconds, reference, outcome = dto,
            holds = JsonDocument.Parse(HoldsJson(await log.OpenHoldsAsync(station.DeviceId, CancellationToken.None))).RootElement }, JsonAnswer.Options);
        await audit.AppendAsync(AuditRecord.Create(clock.GetUtcNow(), actor, IntervalAction, station.DeviceId, AuditOutcome.Done, null, before, after),
            CancellationToken.None);
        return outcome.State switch
        {
            StationCommandState.Done => TypedResults.Ok(dto),
            StationCommandState.TimedOut => Problem(StatusCodes.Status504GatewayTimeout, "The station did not answer", dto),
            StationCommandState.NotConnected => Problem(StatusCodes.Status409Conflict, "The station is not connected", dto),
            _ => Problem(StatusCodes.Status409Conflict, "The station refused the command", dto),
        };
    }

    private static async Task<Results<Ok<StationCommandPageDto>, ValidationProblem, ProblemHttpResult>> Commands(
        string mn, string? limit, string? before, string? cursor, StationRegister register, IStationCommandStore log, PageCursors cursors, HttpContext context,
        CancellationToken cancellationToken)
    {
        if (register.Find(mn) is not Station station)
        {
            return BasinsApi.NotFoundProblem("station", mn);
        }

        var errors = new Dictionary<string, string[]>();
        int count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"must be a whole number 1–{MaxLimit}"];
        }

        long? beforeId = null;
        if (before is not null)
        {
            beforeId = long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out long id) && id >= 1 ? id : null;
            if (beforeId is null)
            {
                errors["before"] = ["must be a command id (1 or more)"];
            }
        }

        beforeId = NewestFirst.Before(cursors, "station-commands", mn, cursor, beforeId, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        IReadOnlyList<StationCommandEntry> commands = await log.CommandsAsync(station.DeviceId, count, beforeId, cancellationToken);
        long? next = commands.Count == count && commands[^1].Id > 1 ? commands[^1].Id : null;
        string? nextCursor = next is long last ? NewestFirst.Next(cursors, context, "station-commands", mn, commands.Count, count, last) : null;
        return TypedResults.Ok(new StationCommandPageDto(station.DeviceId, [.. commands.Select(Dto)], next, nextCursor));
    }

    private static async Task<Results<Ok<StationCommandDto>, ValidationProblem, ProblemHttpResult>> Command(
        string mn, string command, StationRegister register, IStationCommandStore log, CancellationToken cancellationToken)
    {
        if (!long.TryParse(command, NumberStyles.None, CultureInfo.InvariantCulture, out long id) || id is < 1 or long.MaxValue)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["command"] = ["must be a command id (1 or more)"] });
        }

        if (register.Find(mn) is not Station station)
        {
            return BasinsApi.NotFoundProblem("station", mn);
        }

        // The station's newest command below id + 1 is the command itself when it is this station's.
        IReadOnlyList<StationCommandEntry> found = await log.CommandsAsync(station.DeviceId, 1, id + 1, cancellationToken);
        return found is [StationCommandEntry entry] && entry.Id == id
            ? TypedResults.Ok(Dto(entry))
            : BasinsApi.NotFoundProblem("command", string.Create(CultureInfo.InvariantCulture, $"{id} of station {station.DeviceId}"));
    }

    private static Dictionary<string, string[]>? Check(RealtimeIntervalRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Action is not ("tighten" or "restore"))
        {
            errors["action"] = ["must be 'tighten' or 'restore'"];
        }
        else if (request.Action == "tighten" && request.Seconds is not int seconds)
        {
            errors["seconds"] = [$"is needed to tighten: {RealtimeInterval.MinSeconds}–{RealtimeInterval.MaxSeconds} s"];
        }
        else if (request.Action == "tighten" && !RealtimeInterval.IsAllowed(request.Seconds!.Value))
        {
            errors["seconds"] = [string.Create(CultureInfo.InvariantCulture,
                $"{request.Seconds} is outside HJ 212's real-time interval of {RealtimeInterval.MinSeconds}–{RealtimeInterval.MaxSeconds} s")];
        }
        else if (request.Action == "restore" && request.Seconds is not null)
        {
            errors["seconds"] = ["is not taken by a restore: it sets back the interval remembered when the reference tightened"];
        }

        if (request.Reference is string reference && !IsReference(reference))
        {
            errors["reference"] = [$"must be 1–{MaxReferenceLength} characters of letters, digits and / _ . : - (starting with a letter or digit)"];
        }

        return errors.Count > 0 ? errors : null;
    }

    private static bool IsReference(string text) =>
        text.Length is > 0 and <= MaxReferenceLength && char.IsAsciiLetterOrDigit(text[0])
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '.' or ':' or '-');

    private static ProblemHttpResult Problem(int status, string title, StationCommandOutcomeDto dto) =>
        TypedResults.Problem($"{dto.State}: {dto.Detail}", statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["outcome"] = dto });

    private static string HoldsJson(IReadOnlyList<IntervalHold> holds) => JsonSerializer.Serialize(
        holds.Select(h => new { reference = h.Reference, seconds = h.Seconds, previousSeconds = h.PreviousSeconds, previousSource = h.PreviousSource }),
        JsonAnswer.Options);

    private static StationCommandOutcomeDto Dto(StationCommandOutcome o) => new(o.DeviceId, o.RequestId, o.State.ToString(), o.Detail, o.SentAt, o.AnsweredAt);

    private static StationCommandDto Dto(StationCommandEntry c) => new(c.Id, c.RequestId, c.Command, c.Request, c.Reference, c.SentAt, c.State, c.Detail,
        c.AnsweredAt, [.. c.Answers.Select(a => new StationAnswerDto(a.Command, a.Data, a.ReceivedAt))]);
}
