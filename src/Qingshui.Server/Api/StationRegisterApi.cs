using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Access;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Network;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Contracts;
using Qingshui.Server.Ingest;
using Qingshui.Storage;

namespace Qingshui.Server.Api;

/// <summary>
/// The station register over the web: an <c>operator</c> adds stations of its own jurisdiction, changes them and rotates
/// their access passwords. A change takes effect with the station's next packet and is kept in the store. Only the
/// operator of the station's own jurisdiction may write it (the joint office and the other province may read, not
/// write); a new or moved station must sit at a section of that jurisdiction or on its boundary
/// (<see cref="StationRules.MayPlaceAt"/>). Every write needs the session's antiforgery header and is audited; a refusal
/// is a 403 problem, audited too. No answer ever holds a password.
/// </summary>
internal static class StationRegisterApi
{
    // A full registration with 64 parameters and units is under 4 kB; anything much larger is not a station.
    public const long MaxBodyBytes = 16 * 1024;

    public static RouteGroupBuilder MapStationRegisterApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/stations").WithTags("Stations");
        group.MapGet("/{mn}/registration", Registration).RequireAuthorization(Policies.Member).WithName("GetStationRegistration")
            .WithSummary("A station as registered: section, operator, edition, CRC tolerance, clock offset, parameters, units "
                + "(never its password). Members only.");

        RouteGroupBuilder writes = group.MapGroup("").RequireAuthorization(Policies.Of(Role.Operator)).RequireAntiforgery()
            .WithMetadata(new BodyLimit(MaxBodyBytes));
        writes.MapPost("/", Add).WithMetadata(new AuditedAs(StationDesk.AddAction)).WithName("AddStation")
            .WithSummary("operator adds a station of its own jurisdiction {mn, password, name {zh, en}, section, edition 2025|2017|2005, crc?, utcOffset?, "
                + "parameters?, units?}; its packets are attributed from the next one on.");
        writes.MapPatch("/{mn}", Change).WithMetadata(new AuditedAs(StationDesk.ChangeAction)).WithName("ChangeStation")
            .WithSummary("operator of the station's jurisdiction changes the fields given {name, section, edition, crc, utcOffset, parameters, units}; "
                + "applies from the next packet.");
        writes.MapPost("/{mn}/password", Rotate).WithMetadata(new AuditedAs(StationDesk.PasswordAction)).WithName("RotateStationPassword")
            .WithSummary("operator of the station's jurisdiction sets a new access password {password}; the old one is refused (QnRtn 3) from the next packet. "
                + "The answer never holds it.");
        return group;
    }

    private static Results<Ok<StationRegistrationDto>, ProblemHttpResult> Registration(string mn, StationRegister register) =>
        register.Find(mn) is Station station ? TypedResults.Ok(StationDesk.Dto(station)) : BasinsApi.NotFoundProblem("station", mn);

    private static async Task<Results<Created<StationRegistrationDto>, ValidationProblem, ProblemHttpResult>> Add(
        StationAddRequest request, ClaimsPrincipal user, HttpContext context, StationDesk desk, StationRegister register, CancellationToken cancellationToken)
    {
        AuditActor actor = AccessDenials.ActorOf(context);
        string target = Bounded(request.Mn);
        using IDisposable _ = await desk.EnterAsync(cancellationToken);
        string? own = await desk.JurisdictionOfAsync(user, cancellationToken);
        string? refusal = own is null ? NoJurisdiction(actor)
            : request.Operator is string asked && asked != own
                ? $"Organisation '{actor.Organisation}' acts for jurisdiction '{own}'; it adds stations of its own jurisdiction only, not of '{Bounded(asked)}'."
            : null;
        if (refusal is not null)
        {
            return await RefuseAsync(desk, actor, StationDesk.AddAction, target, refusal, cancellationToken);
        }

        StationDraft draft = new(request.Mn, request.Password, request.Name?.Zh, request.Name?.En, request.Section, request.Operator ?? own,
            request.Edition, request.Crc, request.UtcOffset, request.Parameters, request.Units);
        StationCheck check = StationRules.Add(draft, register.Basin);
        if (check.Station is not Station station)
        {
            return Invalid(check);
        }

        if (Misplaced(own!, station.Section, register.Basin) is string misplaced)
        {
            return await RefuseAsync(desk, actor, StationDesk.AddAction, target, misplaced, cancellationToken);
        }

        if (await desk.AddAsync(station, actor, cancellationToken) is null)
        {
            return Invalid(new StationCheck(null, [new StationError("mn", $"'{station.DeviceId}' is registered already")]));
        }

        return TypedResults.Created($"/api/v1/stations/{station.DeviceId}/registration", StationDesk.Dto(station));
    }

    private static async Task<Results<Ok<StationRegistrationDto>, ValidationProblem, ProblemHttpResult>> Change(
        string mn, StationChangeRequest request, ClaimsPrincipal user, HttpContext context, StationDesk desk, StationRegister register,
        CancellationToken cancellationToken)
    {
        AuditActor actor = AccessDenials.ActorOf(context);
        using IDisposable _ = await desk.EnterAsync(cancellationToken);
        if (register.Find(mn) is not Station current)
        {
            return BasinsApi.NotFoundProblem("station", mn);
        }

        if (await NotOwnAsync(desk, user, actor, current, cancellationToken) is string refusal)
        {
            return await RefuseAsync(desk, actor, StationDesk.ChangeAction, mn, refusal, cancellationToken);
        }

        StationDraft draft = new(request.Mn, request.Password, request.Name?.Zh, request.Name?.En, request.Section, request.Operator,
            request.Edition, request.Crc, request.UtcOffset, request.Parameters, request.Units);
        StationCheck check = StationRules.Change(current, draft, register.Basin);
        if (check.Station is not Station after)
        {
            return Invalid(check);
        }

        if (after.Section != current.Section && Misplaced(current.Operator, after.Section, register.Basin) is string misplaced)
        {
            return await RefuseAsync(desk, actor, StationDesk.ChangeAction, mn, misplaced, cancellationToken);
        }

        StationChange? change = await desk.ReplaceAsync(after, actor, StationDesk.ChangeAction, cancellationToken);
        return change is null ? BasinsApi.NotFoundProblem("station", mn) : TypedResults.Ok(StationDesk.Dto(change.After));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Rotate(
        string mn, PasswordRotationRequest request, ClaimsPrincipal user, HttpContext context, StationDesk desk, StationRegister register,
        CancellationToken cancellationToken)
    {
        AuditActor actor = AccessDenials.ActorOf(context);
        using IDisposable _ = await desk.EnterAsync(cancellationToken);
        if (register.Find(mn) is not Station current)
        {
            return BasinsApi.NotFoundProblem("station", mn);
        }

        if (await NotOwnAsync(desk, user, actor, current, cancellationToken) is string refusal)
        {
            return await RefuseAsync(desk, actor, StationDesk.PasswordAction, mn, refusal, cancellationToken);
        }

        StationCheck check = StationRules.Rotate(current, request.Password);
        if (check.Station is not Station after)
        {
            return Invalid(check);
        }

        StationChange? change = await desk.ReplaceAsync(after, actor, StationDesk.PasswordAction, cancellationToken);
        return change is null ? BasinsApi.NotFoundProblem("station", mn) : TypedResults.NoContent();
    }

    private static async Task<string?> NotOwnAsync(
        StationDesk desk, ClaimsPrincipal user, AuditActor actor, Station station, CancellationToken cancellationToken)
    {
        string? own = await desk.JurisdictionOfAsync(user, cancellationToken);
        return own is null ? NoJurisdiction(actor)
            : own != station.Operator
                ? $"Organisation '{actor.Organisation}' acts for jurisdiction '{own}'; station {station.DeviceId} is run by '{station.Operator}', "
                    + "whose operators alone may change it."
            : null;
    }

    private static string NoJurisdiction(AuditActor actor) =>
        $"Organisation '{actor.Organisation}' acts for no jurisdiction of the basin; "
            + "only an operator of a station's own jurisdiction may write the station register.";

    internal static string? Misplaced(string jurisdiction, string sectionId, Basin basin) =>
        basin.FindSection(sectionId) is Section section && !StationRules.MayPlaceAt(jurisdiction, section)
            ? $"Jurisdiction '{jurisdiction}' may place stations only at sections lying in it or on its boundary; "
                + $"section '{section.Id}' lies in '{section.Jurisdiction}'."
            : null;

    private static async Task<ProblemHttpResult> RefuseAsync(
        StationDesk desk, AuditActor actor, string action, string target, string reason, CancellationToken cancellationToken)
    {
        await desk.RefusedAsync(actor, action, target, reason, cancellationToken);
        return TypedResults.Problem(reason, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
    }

    internal static ValidationProblem Invalid(StationCheck check) =>
        TypedResults.ValidationProblem(check.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));

    // An MN from a refused body names the audit entry's target: bounded, as any text from outside.
    private static string Bounded(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary>Endpoint metadata that caps a request's body (the routing middleware applies it before the body is read).</summary>
internal sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
