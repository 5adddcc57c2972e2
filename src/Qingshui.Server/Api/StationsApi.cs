using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Hj212;
using Qingshui.Server.Api.Contracts;
using Qingshui.Server.Ingest;
using Qingshui.Server.Live;
using Qingshui.Storage;

namespace Qingshui.Server.Api;

/// <summary><c>/api/v1/stations</c>: each station's link status, latest values, readings and raw packet log.</summary>
internal static class StationsApi
{
    private static readonly TimeSpan OnlineWithin = TimeSpan.FromMinutes(10);
    private const int UnknownStationsRead = 20;

    public static RouteGroupBuilder MapStationsApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/stations").WithTags("Stations");
        group.MapGet("/", List).WithName("ListStations").WithSummary("Every station: online or not (a packet within 10 minutes), last packet, packets accepted/rejected/quarantined, latest values.");
        group.MapGet("/{mn}", One).WithName("GetStation").WithSummary("One station: online or not, last packet, packet counts, latest values.");
        group.MapGet("/{mn}/packets", Packets).WithName("GetStationPackets").WithSummary("The station's raw packet log, newest first, with verdicts and reasons; access passwords (PW) masked. ?limit=50");
        group.MapGet("/{mn}/readings", Readings).WithName("GetStationReadings").WithSummary("Stored readings: at most 2 days of real-time/minute/sample values, 31 days of hourly, 366 days of daily per request. ?parameter=&kind=hour&from=&to=");
        group.MapGet("/unattributed/packets", Unattributed).WithName("GetUnattributedPackets").WithSummary("Bytes no registered station could be named for (garbage, broken frames, unknown MNs); access passwords (PW) masked. ?limit=50");
        return group;
    }

    internal static async Task<StationDto[]> StatusesAsync(IEnumerable<Station> stations, LiveState live, IServiceProvider services, CancellationToken cancellationToken)
    {
        var cache = services.GetRequiredService<ActivityCache>();
        await cache.RefreshAsync(cancellationToken);
        IReadOnlyDictionary<string, StationActivity> activity = cache.Snapshot();
        DateTimeOffset now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        return stations.Select(s =>
        {
            StationActivity? a = activity.GetValueOrDefault(s.DeviceId);
            return new StationDto(s.DeviceId, ApiMapping.Name(s.Name), s.Section, s.Operator, StationRules.EditionTitle(s.Edition),
                a is not null && now - a.LastReceived < OnlineWithin, a?.LastReceived.ToOffset(TimeSpan.FromHours(8)), a?.Accepted ?? 0, a?.Rejected ?? 0, a?.Quarantined ?? 0,
                live.LatestOf(s.DeviceId).Select(r => new LatestDto(r.Parameter, r.Value, UnitText.Symbol(r.Unit), r.PeriodStart, r.Flag, r.Valid, r.ScreenRule)).ToArray());
        }).ToArray();
    }

    private static async Task<Ok<StationDto[]>> List(StationRegister register, LiveState live, IServiceProvider services, CancellationToken cancellationToken) =>
        TypedResults.Ok(await StatusesAsync(register.Basin.Stations, live, services, cancellationToken));

    private static async Task<Results<Ok<StationDto>, ProblemHttpResult>> One(
        string mn, StationRegister register, LiveState live, IServiceProvider services, CancellationToken cancellationToken) =>
        register.Basin.Stations.FirstOrDefault(s => s.DeviceId == mn) is Station station
            ? TypedResults.Ok((await StatusesAsync([station], live, services, cancellationToken))[0])
            : BasinsApi.NotFoundProblem("station", mn);

    private static async Task<Results<Ok<PacketDto[]>, ProblemHttpResult, ValidationProblem>> Packets(
        string mn, int? limit, StationRegister register, IReadingStore store, CancellationToken cancellationToken)
    {
        if (register.Find(mn) is null)
        {
            return BasinsApi.NotFoundProblem("station", mn);
        }

        return await PacketsOf(mn, limit, store, cancellationToken);
    }

    /// <summary>
    /// Packets no registered station owns: those naming no MN, and those naming an MN the basin does not know (quarantined).
    /// Only the most recently active unknown MNs are read, so invented MNs cannot make one request read without end.
    /// </summary>
    private static async Task<Results<Ok<PacketDto[]>, ProblemHttpResult, ValidationProblem>> Unattributed(
        int? limit, StationRegister register, IReadingStore store, CancellationToken cancellationToken)
    {
        IEnumerable<string> unknown = (await store.StationActivityAsync(cancellationToken))
            .Where(a => a.StationId.Length > 0 && register.Find(a.StationId) is null)
            .OrderByDescending(a => a.LastPacketId).Take(UnknownStationsRead).Select(a => a.StationId);
        return await PacketsOf(["", .. unknown], limit, store, cancellationToken);
    }

    private static Task<Results<Ok<PacketDto[]>, ProblemHttpResult, ValidationProblem>> PacketsOf(string station, int? limit, IReadingStore store, CancellationToken cancellationToken) =>
        PacketsOf([station], limit, store, cancellationToken);

    private static async Task<Results<Ok<PacketDto[]>, ProblemHttpResult, ValidationProblem>> PacketsOf(
        string[] stations, int? limit, IReadingStore store, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["must be 1–1000"] });
        }

        var packets = new List<StoredRawPacket>();
        foreach (string station in stations)
        {
            packets.AddRange(await store.RawPacketsAsync(station, limit ?? 50, cancellationToken));
        }

        packets = [.. packets.OrderByDescending(p => p.Id).Take(limit ?? 50)];
        return TypedResults.Ok(packets.Select(p => new PacketDto(p.Id, p.Packet.ReceivedAt.ToOffset(TimeSpan.FromHours(8)), p.Packet.Remote, p.Packet.Command,
            p.Packet.Verdict.ToString(), p.Packet.Reason is null ? null : PasswordMask.Apply(p.Packet.Reason),
            ByteText.Escape(PasswordMask.Apply(p.Packet.Bytes), 2048))).ToArray());
    }

    private static async Task<Results<Ok<ReadingDto[]>, ProblemHttpResult, ValidationProblem>> Readings(
        string mn, string? parameter, string? kind, string? from, string? to, StationRegister register, IReadingStore store, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (register.Find(mn) is null)
        {
            return BasinsApi.NotFoundProblem("station", mn);
        }

        var errors = new Dictionary<string, string[]>();
        ReadingKind? readingKind = null;
        if (kind is not null)
        {
            // One name only: Enum.TryParse also takes numbers ("99") and lists ("realtime,minute" would read as Hour).
            if (kind.All(char.IsAsciiLetter) && Enum.TryParse(kind, ignoreCase: true, out ReadingKind parsed) && Enum.IsDefined(parsed))
            {
                readingKind = parsed;
            }
            else
            {
                errors["kind"] = [$"'{kind}' is not realtime, minute, hour, day, fourhour or sample"];
            }
        }

        DateTimeOffset end = QueryTime.Parse(to, "to", clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)), errors);
        DateTimeOffset start = QueryTime.Parse(from, "from", end.AddDays(-1), errors);
        // Real-time values can come every few seconds: the span a request may cover shrinks with the values it holds.
        (TimeSpan longest, string longestText) = readingKind switch
        {
            ReadingKind.Day => (TimeSpan.FromDays(366), "366 days of daily values"),
            ReadingKind.Hour or ReadingKind.FourHour => (TimeSpan.FromDays(31), "31 days of hourly values"),
            _ => (TimeSpan.FromDays(2), "2 days of real-time, minute or sample values (kind=hour or kind=day allow longer spans; /sections/{id}/series gives means)"),
        };
        QueryTime.CheckSpan(start, end, longest, longestText, errors);

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        IReadOnlyList<StoredReading> stored = await store.ReadingsAsync(new ReadingQuery(mn, parameter, readingKind, start, end), cancellationToken);
        return TypedResults.Ok(stored.Select(r => new ReadingDto(r.Reading.Parameter, r.Reading.Kind.ToString(), r.Reading.PeriodStart, r.Reading.Value,
            UnitText.Symbol(r.Reading.Unit), r.Reading.Flag, r.Reading.Valid, r.Revision, r.Reading.ScreenRule)).ToArray());
    }
}

/// <summary>The station log, read at most once a second however many dashboards ask.</summary>
internal sealed class ActivityCache(IReadingStore store, TimeProvider clock)
{
    private IReadOnlyDictionary<string, StationActivity> _snapshot = new Dictionary<string, StationActivity>();
    private DateTimeOffset _read = DateTimeOffset.MinValue;

    public IReadOnlyDictionary<string, StationActivity> Snapshot() => _snapshot;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() - _read < TimeSpan.FromSeconds(1))
        {
            return;
        }

        _snapshot = (await store.StationActivityAsync(cancellationToken)).ToDictionary(a => a.StationId, StringComparer.Ordinal);
        _read = clock.GetUtcNow();
    }
}
