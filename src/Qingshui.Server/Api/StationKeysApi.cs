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
using Qingshui.Server.Commands;
using Qingshui.Server.Ingest;
using Qingshui.Server.Keys;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Api;

/// <summary>
/// HJ 212-2025 data-area keys (SM4) of a station: members see whether one is set (never the key); an operator of the
/// station's jurisdiction sets it by hand, or has the server exchange it with the station (1014, sent encrypted with the
/// current key; the new key applies once the station reports the exchange done, the old one is still read for
/// <see cref="StationKeyRing.PreviousKeyWindow"/>). Writes are audited with the key masked and need antiforgery.
/// </summary>
internal static class StationKeysApi
{
    public const string SetAction = "station.data-key";
    public const string ExchangeAction = "station.data-key.exchange";

    public static RouteGroupBuilder MapStationKeysApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/stations").WithTags("Stations");
        group.MapGet("/{mn}/data-key", Get).RequireAuthorization(Policies.Member).WithName("GetStationDataKey")
            .WithSummary("Whether the station's HJ 212-2025 data areas are read with an SM4 key, when it changed, until when the replaced one is read. Never the key.");
        RouteGroupBuilder writes = group.MapGroup("").RequireAuthorization(Policies.Of(Role.Operator)).RequireAntiforgery()
            .WithMetadata(new BodyLimit(1024));
        writes.MapPut("/{mn}/data-key", Set).WithMetadata(new AuditedAs(SetAction)).WithName("SetStationDataKey")
            .WithSummary("operator of the station's jurisdiction sets its SM4 key {key: 32 hex digits} (an HJ 212-2025 station only); "
                + "its encrypted data areas are read with it from the next packet. The answer never holds the key.");
        writes.MapPost("/{mn}/data-key/exchange", Exchange).WithMetadata(new AuditedAs(ExchangeAction)).WithName("ExchangeStationDataKey")
            .WithSummary("operator of the station's jurisdiction: the server makes a new key and sends it to the station (1014, encrypted with the "
                + "current key); 200 once the station reports it done (the new key applies, the old one is read for 30 min more); 409 when refused "
                + "or not connected; 504 without an answer.");
        return group;
    }

    private static Results<Ok<StationKeyDto>, ProblemHttpResult> Get(string mn, StationRegister register, StationKeyRing keys) =>
        register.Find(mn) is Station station ? TypedResults.Ok(Dto(station.DeviceId, keys)) : BasinsApi.NotFoundProblem("station", mn);

    private static async Task<Results<Ok<StationKeyDto>, ValidationProblem, ProblemHttpResult>> Set(
        string mn, StationKeyRequest request, ClaimsPrincipal user, HttpContext context, StationRegister register, StationDesk desk,
        StationKeyRing keys, IAuditStore audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (register.Find(mn) is not Station station)
        {
            return BasinsApi.NotFoundProblem("station", mn);
        }

        AuditActor actor = AccessDenials.ActorOf(context);
        if (await RefusalAsync(user, actor, station, desk, cancellationToken) is string refusal)
        {
            return await RefuseAsync(audit, clock, actor, SetAction, station.DeviceId, refusal, cancellationToken);
        }

        if (station.Edition != ProtocolEdition.Hj212V2025)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["key"] = [$"station {station.DeviceId} speaks {StationRules.EditionTitle(station.Edition)}; only HJ 212-2025 encrypts data areas"],
            });
        }

        if (ParseKey(request.Key) is not byte[] key)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["key"] = ["must be 32 hexadecimal digits (a 128-bit SM4 key)"] });
        }

        string before = AuditJson(Dto(station.DeviceId, keys));
        await keys.SetAsync(station.DeviceId, key, cancellationToken);
        StationKeyDto after = Dto(station.DeviceId, keys);
        await audit.AppendAsync(AuditRecord.Create(clock.GetUtcNow(), actor, SetAction, station.DeviceId, AuditOutcome.Done, null, before, AuditJson(after)),
            CancellationToken.None);
        return TypedResults.Ok(after);
    }

    private static async Task<Results<Ok<StationKeyDto>, ProblemHttpResult>> Exchange(
        string mn, ClaimsPrincipal user, HttpContext context, StationRegister register, StationDesk desk, StationKeyRing keys,
        StationCommander commander, IAuditStore audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (register.Find(mn) is not Station station)
        {
            return BasinsApi.NotFoundProblem("station", mn);
        }

        AuditActor actor = AccessDenials.ActorOf(context);
        if (await RefusalAsync(user, actor, station, desk, cancellationToken) is string refusal)
        {
            return await RefuseAsync(audit, clock, actor, ExchangeAction, station.DeviceId, refusal, cancellationToken);
        }

        if (keys.For(station.DeviceId) is not StationKeys current)
        {
            return TypedResults.Problem($"Station {station.DeviceId} has no data-area key: set one first (the new key travels encrypted with it).",
                statusCode: StatusCodes.Status409Conflict, title: "No key to exchange");
        }

        string before = AuditJson(Dto(station.DeviceId, keys));
        byte[]? proposed = null;

        // Once sent, the exchange runs to its answers or its time limit even if the caller goes away: the key must follow the station.
        CommandRun run = await commander.RunAsync(station.DeviceId, "key-exchange", (qn, address) =>
        {
            proposed = new byte[Sm4DataAreaCipher.KeyLength];
            System.Security.Cryptography.RandomNumberGenerator.Fill(proposed);
            return HostCommands.KeyExchange(qn, address, clock.GetUtcNow().ToOffset(station.UtcOffset), proposed);
        }, CancellationToken.None, current.Current);
        StationCommandOutcome outcome = run.Outcome;
        if (outcome.State == StationCommandState.Done && proposed is not null)
        {
            await keys.ExchangedAsync(station.DeviceId, proposed, CancellationToken.None);
        }

        StationKeyDto after = Dto(station.DeviceId, keys);
        string detail = $"{outcome.State}: {outcome.Detail}";
        string afterJson = JsonSerializer.Serialize(new { key = after, exchange = new { qn = outcome.RequestId, state = outcome.State.ToString(), detail = outcome.Detail } },
            JsonAnswer.Options);
        await audit.AppendAsync(AuditRecord.Create(clock.GetUtcNow(), actor, ExchangeAction, station.DeviceId, AuditOutcome.Done, null, before, afterJson),
            CancellationToken.None);
        return outcome.State switch
        {
            StationCommandState.Done => TypedResults.Ok(after),
            StationCommandState.TimedOut => TypedResults.Problem(detail, statusCode: StatusCodes.Status504GatewayTimeout, title: "The station did not answer; the key is unchanged"),
            StationCommandState.NotConnected => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "The station is not connected"),
            _ => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "The station refused the exchange; the key is unchanged"),
        };
    }

    /// <summary>32 hexadecimal digits as 16 bytes, or <c>null</c>.</summary>
    public static byte[]? ParseKey(string? text)
    {
        if (text is null || text.Length != Sm4DataAreaCipher.KeyLength * 2 || !text.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        return Convert.FromHexString(text);
    }

    private static async Task<string?> RefusalAsync(ClaimsPrincipal user, AuditActor actor, Station station, StationDesk desk, CancellationToken cancellationToken)
    {
        string? own = await desk.JurisdictionOfAsync(user, cancellationToken);
        return own is null
            ? $"Organisation '{actor.Organisation}' acts for no jurisdiction of the basin; only an operator of the station's own jurisdiction may set its key."
            : own != station.Operator
                ? $"Organisation '{actor.Organisation}' acts for jurisdiction '{own}'; station {station.DeviceId} is run by '{station.Operator}', "
                    + "whose operators alone may set its key."
                : null;
    }

    private static async Task<ProblemHttpResult> RefuseAsync(
        IAuditStore audit, TimeProvider clock, AuditActor actor, string action, string target, string reason, CancellationToken cancellationToken)
    {
        await audit.AppendAsync(AuditRecord.Create(clock.GetUtcNow(), actor, action, target, AuditOutcome.Refused, reason, null, null), cancellationToken);
        return TypedResults.Problem(reason, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
    }

    private static StationKeyDto Dto(string mn, StationKeyRing keys) => keys.For(mn)?.Record is { } r
        ? new StationKeyDto(mn, true, SecretMask.Masked, r.ChangedAt, r.PreviousUntil)
        : new StationKeyDto(mn, false, null, null, null);

    private static string AuditJson(StationKeyDto dto) => JsonSerializer.Serialize(dto, JsonAnswer.Options);
}
