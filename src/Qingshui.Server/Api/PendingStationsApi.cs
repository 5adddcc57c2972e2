using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
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
using Qingshui.Server.Keys;
using Qingshui.Server.Registration;
using Qingshui.Storage;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Registration;

namespace Qingshui.Server.Api;

/// <summary>
/// HJ 212-2025 device registration: data loggers that announced their hardware identity (1001) wait in a pending list;
/// an operator registers one as a station of its own jurisdiction (an MN, a password, a section: the checks of the
/// station register) and the server sends the logger its MN and password (1002) over the connection it announced itself
/// on (only a connection whose announcement carried the CPU id and MACs recorded with the assignment); or the operator
/// turns it away. Writes are audited and need antiforgery.
/// </summary>
internal static class PendingStationsApi
{
    public const string AssignAction = "station.pending.assign";
    public const string RejectAction = "station.pending.reject";
    private const int MaxReasonLength = 500;

    public static RouteGroupBuilder MapPendingStationsApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/stations/pending").WithTags("Stations");
        group.MapGet("/", List).WithCsv().RequireAuthorization(Policies.Member).WithName("ListPendingStations")
            .WithSummary("Data loggers that announced their hardware identity (HJ 212-2025 1001) and wait for an MN, oldest first, on any node; "
                + "paged: ?limit= (1–200, default 50), ?cursor= from the Link header's next page.");
        group.MapGet("/{loggerId}", One).RequireAuthorization(Policies.Member).WithName("GetPendingStation")
            .WithSummary("One data logger waiting for an MN, as listed; 404 once it is assigned, turned away or forgotten.");
        RouteGroupBuilder writes = group.MapGroup("").RequireAuthorization(Policies.Of(Role.Operator)).RequireAntiforgery()
            .WithMetadata(new BodyLimit(StationRegisterApi.MaxBodyBytes));
        writes.MapPost("/{loggerId}/assign", Assign).WithMetadata(new AuditedAs(AssignAction)).WithName("AssignPendingStation")
            .WithSummary("operator registers the logger as an HJ 212-2025 station of its own jurisdiction {mn, password, name {zh, en}, section, crc?, "
                + "utcOffset?, parameters?, units?, dataKey? (its SM4 key, 32 hex digits)} and sends it the MN and password (1002); 201 once the logger reports it done, 504 or 409 "
                + "(the station stays registered; calling again resends) otherwise; 202 when the logger's connection is held by another node, which sends it.");
        writes.MapPost("/{loggerId}/reject", Reject).WithMetadata(new AuditedAs(RejectAction)).WithName("RejectPendingStation")
            .WithSummary("operator turns the pending logger away {reason?}; it may announce itself again.");
        return group;
    }

    internal static readonly PageList PendingList = new("pending-loggers", 50, 200);

    private static async Task<Results<Ok<PendingDeviceDto[]>, ValidationProblem>> List(
        string? cursor, string? limit, PendingRegistrations pending, PageCursors cursors, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        string scope = PageScope.Of();
        PageRequest page = PageRequest.Read(cursors, PendingList, scope, cursor, limit, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        long after = page.After is [string id] ? long.Parse(id, CultureInfo.InvariantCulture) : 0;
        IReadOnlyList<PendingRegistration> rows = await pending.ListAsync(after, page.Limit + 1, cancellationToken);
        if (rows.Count > page.Limit)
        {
            rows = [.. rows.Take(page.Limit)];
            PageRequest.LinkNext(context, cursors.Issue(PendingList.Name, scope, rows[^1].Id.ToString(CultureInfo.InvariantCulture)));
        }

        return TypedResults.Ok(rows.Select(d => Dto(d, pending)).ToArray());
    }

    private static async Task<Results<Ok<PendingDeviceDto>, ProblemHttpResult>> One(string loggerId, PendingRegistrations pending, CancellationToken cancellationToken) =>
        await pending.FindAsync(loggerId, cancellationToken) is PendingRegistration device
            ? TypedResults.Ok(Dto(device, pending))
            : BasinsApi.NotFoundProblem("pending logger", loggerId);

    private static async Task<Results<Created<StationRegistrationDto>, Accepted<StationRegistrationDto>, ValidationProblem, ProblemHttpResult>> Assign(
        string loggerId, PendingAssignRequest request, ClaimsPrincipal user, HttpContext context, PendingRegistrations pending, RemoteAssignments remote,
        StationDesk desk, StationRegister register, StationKeyRing keys, StationConnections connections, StationCommander commander, IAuditStore audit,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await pending.FindAsync(loggerId, cancellationToken) is not PendingRegistration device)
        {
            return BasinsApi.NotFoundProblem("pending logger", loggerId);
        }

        // The connection is this node's when the logger announced itself here with the identity recorded; another node's,
        // when it announced itself there.
        StationLink? link = pending.LinkFor(device);
        bool elsewhere = link is null && device.Node != pending.Node;

        byte[]? dataKey = request.DataKey is null ? null : StationKeysApi.ParseKey(request.DataKey);
        if (request.DataKey is not null && dataKey is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["dataKey"] = ["must be 32 hexadecimal digits (a 128-bit SM4 key)"] });
        }

        AuditActor actor = AccessDenials.ActorOf(context);
        using IDisposable _ = await desk.EnterAsync(cancellationToken);
        string? own = await desk.JurisdictionOfAsync(user, cancellationToken);
        if (own is null || (request.Operator is string asked && asked != own))
        {
            return await RefuseAsync(audit, clock, actor, AssignAction, loggerId,
                $"Organisation '{actor.Organisation}' {(own is null ? "acts for no jurisdiction of the basin" : $"acts for jurisdiction '{own}'")}; "
                + "an operator registers loggers for its own jurisdiction only.", cancellationToken);
        }

        Station station;
        if (device.AssignedMn is string assigned && register.Find(assigned) is Station earlier)
        {
            // Registered by an earlier call whose 1002 the logger did not confirm: only the sending is repeated.
            if (earlier.Operator != own)
            {
                return await RefuseAsync(audit, clock, actor, AssignAction, loggerId,
                    $"Logger {loggerId} was registered as {assigned} by jurisdiction '{earlier.Operator}'.", cancellationToken);
            }

            station = earlier;
        }
        else
        {
            if (request.Edition is string edition && StationRules.ParseEdition(edition) != ProtocolEdition.Hj212V2025)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["edition"] = ["a logger that registers itself speaks HJ 212-2025"] });
            }

            StationCheck check = StationRules.Add(new StationDraft(request.Mn, request.Password, request.Name?.Zh, request.Name?.En, request.Section, own,
                "2025", request.Crc, request.UtcOffset, request.Parameters, request.Units), register.Basin);
            if (check.Station is not Station checkedStation)
            {
                return StationRegisterApi.Invalid(check);
            }

            if (StationRegisterApi.Misplaced(own, checkedStation.Section, register.Basin) is string misplaced)
            {
                return await RefuseAsync(audit, clock, actor, AssignAction, loggerId, misplaced, cancellationToken);
            }

            if (link is null && !elsewhere)
            {
                return TypedResults.Problem($"Logger {loggerId} has no open connection: nothing registered; it is assigned when it is connected.",
                    statusCode: StatusCodes.Status409Conflict, title: "The logger is not connected");
            }

            if (await desk.AddAsync(checkedStation, actor, cancellationToken) is null)
            {
                return StationRegisterApi.Invalid(new StationCheck(null, [new StationError("mn", $"'{checkedStation.DeviceId}' is registered already")]));
            }

            station = checkedStation;
            await pending.AssignedAsync(loggerId, station.DeviceId);
        }

        if (dataKey is not null)
        {
            // Set before the 1002 leaves: the logger's first upload under its MN may follow its answer at once.
            await keys.SetAsync(station.DeviceId, dataKey, CancellationToken.None);
        }

        if (elsewhere)
        {
            return await HandOverAsync(device, station, dataKey is not null, remote, audit, clock, actor, JsonSerializer.Serialize(Dto(device, pending), JsonAnswer.Options));
        }

        // The MN and password go only where the hardware identity recorded with the assignment was announced; an
        // announcement since the row was read (before the assignment fixed it) may have changed that identity.
        link = await pending.FindAsync(loggerId, CancellationToken.None) is PendingRegistration recorded ? pending.LinkFor(recorded) : null;
        if (link is not null)
        {
            connections.Attach(station.DeviceId, device.SystemCode, link);
        }

        // Once sent, the assignment runs to its answers or its time limit even if the caller goes away.
        CommandRun run = await commander.RunAsync(station.DeviceId, $"registration of logger {loggerId}",
            (qn, address) => HostCommands.SetDeviceId(qn, address, loggerId), CancellationToken.None);
        StationCommandOutcome outcome = run.Outcome;
        if (outcome.State == StationCommandState.Done)
        {
            await pending.RemoveAsync(loggerId);
        }

        string before = JsonSerializer.Serialize(Dto(device, pending), JsonAnswer.Options);
        string after = JsonSerializer.Serialize(new
        {
            registration = StationDesk.Dto(station), password = SecretMask.Masked, dataKeySet = dataKey is not null,
            assignment = new { qn = outcome.RequestId, state = outcome.State.ToString(), detail = outcome.Detail },
        }, JsonAnswer.Options);
        await audit.AppendAsync(AuditRecord.Create(clock.GetUtcNow(), actor, AssignAction, loggerId, AuditOutcome.Done, null, before, after), CancellationToken.None);
        string detail = $"{outcome.State}: {outcome.Detail}; station {station.DeviceId} is registered, calling again resends the assignment";
        return outcome.State switch
        {
            StationCommandState.Done => TypedResults.Created($"/api/v1/stations/{station.DeviceId}/registration", StationDesk.Dto(station)),
            StationCommandState.TimedOut => TypedResults.Problem(detail, statusCode: StatusCodes.Status504GatewayTimeout, title: "The logger did not answer"),
            StationCommandState.NotConnected => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "The logger is not connected"),
            _ => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "The logger refused the assignment"),
        };
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Reject(
        string loggerId, PendingRejectRequest? request, ClaimsPrincipal user, HttpContext context, PendingRegistrations pending, StationDesk desk,
        IAuditStore audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await pending.FindAsync(loggerId, cancellationToken) is not PendingRegistration device)
        {
            return BasinsApi.NotFoundProblem("pending logger", loggerId);
        }

        AuditActor actor = AccessDenials.ActorOf(context);
        if (await desk.JurisdictionOfAsync(user, cancellationToken) is null)
        {
            return await RefuseAsync(audit, clock, actor, RejectAction, loggerId,
                $"Organisation '{actor.Organisation}' acts for no jurisdiction of the basin; only a jurisdiction's operator turns loggers away.", cancellationToken);
        }

        if (request?.Reason is { Length: > MaxReasonLength })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [$"must be at most {MaxReasonLength} characters"] });
        }

        await pending.RemoveAsync(loggerId);
        string before = JsonSerializer.Serialize(Dto(device, pending), JsonAnswer.Options);
        string after = JsonSerializer.Serialize(new { rejected = loggerId, reason = request?.Reason }, JsonAnswer.Options);
        await audit.AppendAsync(AuditRecord.Create(clock.GetUtcNow(), actor, RejectAction, loggerId, AuditOutcome.Done, null, before, after), CancellationToken.None);
        return TypedResults.NoContent();
    }

    // Connected: its connection is open on this node. Node: where it last announced itself (whose connection that is).
    private static PendingDeviceDto Dto(PendingRegistration d, PendingRegistrations pending) =>
        new(d.LoggerId, d.CpuId, d.Mac1, d.Mac2, d.AnnouncedMn, d.Remote, d.FirstSeen.ToOffset(TimeSpan.FromHours(8)), d.LastSeen.ToOffset(TimeSpan.FromHours(8)),
            pending.LinkOf(d.LoggerId) is not null, d.AssignedMn, d.Node);

    // The logger's connection is another node's: the assignment is in the store, the feed tells that node to send it.
    private static async Task<Results<Created<StationRegistrationDto>, Accepted<StationRegistrationDto>, ValidationProblem, ProblemHttpResult>> HandOverAsync(
        PendingRegistration device, Station station, bool dataKeySet, RemoteAssignments remote, IAuditStore audit, TimeProvider clock, AuditActor actor,
        string before)
    {
        string state = "HandedOver";
        string detail = $"the logger's connection is held by node '{device.Node}', which sends the assignment; its answer is in the station's command log";
        try
        {
            await remote.HandOverAsync(device.LoggerId, station.DeviceId, CancellationToken.None);
        }
        catch (StoreException e)
        {
            state = "NotHandedOver";
            detail = $"node '{device.Node}' could not be told ({e.Message}); station {station.DeviceId} is registered, calling again resends the assignment";
        }

        string after = JsonSerializer.Serialize(new
        {
            registration = StationDesk.Dto(station), password = SecretMask.Masked, dataKeySet, assignment = new { node = device.Node, state, detail },
        }, JsonAnswer.Options);
        await audit.AppendAsync(AuditRecord.Create(clock.GetUtcNow(), actor, AssignAction, device.LoggerId, AuditOutcome.Done, null,
            before, after), CancellationToken.None);
        return state == "HandedOver"
            ? TypedResults.Accepted($"/api/v1/stations/{station.DeviceId}/commands", StationDesk.Dto(station))
            : TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The node holding the logger could not be told");
    }

    private static async Task<ProblemHttpResult> RefuseAsync(
        IAuditStore audit, TimeProvider clock, AuditActor actor, string action, string target, string reason, CancellationToken cancellationToken)
    {
        await audit.AppendAsync(AuditRecord.Create(clock.GetUtcNow(), actor, action, target, AuditOutcome.Refused, reason, null, null), cancellationToken);
        return TypedResults.Problem(reason, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
    }
}
