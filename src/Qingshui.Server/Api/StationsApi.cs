using System.Globalization;
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
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Api.Paging;
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
        group.MapGet("/", List).WithCsv().WithName("ListStations").WithSummary("Every station: online or not (a packet within 10 minutes), last packet, packets accepted/rejected/quarantined, latest values.");
        group.MapGet("/{mn}", One).WithName("GetStation").WithSummary("One station: online or not, last packet, packet counts, latest values.");
        group.MapGet("/{mn}/packets", Packets).WithCsv().WithName("GetStationPackets").WithSummary("The station's raw packet log, newest first, with verdicts, reasons and reason codes; access passwords (PW) masked. "
            + "?verdict=accepted|rejected|quarantined, ?reason=<code> (e.g. CrcMismatch, UnknownMn, WrongPassword), ?limit=1–1000 (default 50), ?cursor=.");
        group.MapGet("/{mn}/readings", Readings).WithCsv().WithName("GetStationReadings").WithSummary("Stored readings over [from, to) (default the last day), by parameter, kind and time, a page at a time (no longest span): "
            + "?parameter=&kind=hour&from=&to=, ?limit=1–10000 (default 1000), ?cursor= (from the Link header of the previous page).");
        group.MapGet("/{mn}/rates", StationRatesApi.Rates).WithCsv("rates").WithName("GetStationRates").WithSummary(StationRatesApi.Summary);
        group.MapGet("/{mn}/packets/{packet}", Packet).WithName("GetStationPacket").WithSummary("One packet of the station's log (its id as the list gives it), "
            + "as the list shows it: verdict, reason and reason code, access passwords (PW) masked; 404 for a packet of another station.");
        group.MapGet("/unattributed/packets/{packet}", UnattributedPacket).WithName("GetUnattributedPacket")
            .WithSummary("One packet no registered station could be named for (its id as the list gives it), access passwords (PW) masked; 404 for a station's packet.");
        group.MapGet("/unattributed/packets", Unattributed).WithCsv().WithName("GetUnattributedPackets").WithSummary("Bytes no registered station could be named for (garbage, broken frames, unknown MNs); access passwords (PW) masked. ?verdict=, ?reason=, ?limit=, ?cursor= as for a station's packets.");
        return group;
    }

    internal static async Task<StationDto[]> StatusesAsync(IEnumerable<Station> stations, LiveState live, IServiceProvider services, CancellationToken cancellationToken)
    {
        var cache = services.GetRequiredService<ActivityCache>();
        await cache.RefreshAsync(cancellationToken);
        IReadOnlyDictionary<string, StationActivity> activity = cache.Snapshot();
        DateTimeOffset now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        // In MN order wherever stations are answered (the list, a section's stations), whatever order they were registered in.
        return stations.OrderBy(s => s.DeviceId, StringComparer.Ordinal).Select(s =>
        {
            StationActivity? a = activity.GetValueOrDefault(s.DeviceId);
            return new StationDto(s.DeviceId, ApiMapping.Name(s.Name), s.Section, s.Operator, StationRules.EditionTitle(s.Edition),
                a is not null && now - a.LastReceived < OnlineWithin, a?.LastReceived.ToOffset(TimeSpan.FromHours(8)), a?.Accepted ?? 0, a?.Rejected ?? 0, a?.Quarantined ?? 0,
                live.LatestOf(s.DeviceId).Select(r => new LatestDto(r.Parameter, r.Value, UnitText.Symbol(r.Unit), r.PeriodStart, r.Flag, r.Valid, r.ScreenRule)).ToArray());
        }).ToArray();
    }

    internal static readonly PageList Listed = new("stations", 1000, 1000);

    private static async Task<Results<Ok<StationDto[]>, ValidationProblem>> List(
        [AsParameters] Pager pager, StationRegister register, LiveState live, IServiceProvider services, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        PageRequest page = pager.Read(Listed, "", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        Station[] stations = pager.Slice(page, Listed, "", register.Basin.Stations, s => s.DeviceId);
        return TypedResults.Ok(await StatusesAsync(stations, live, services, cancellationToken));
    }

    private static async Task<Results<Ok<StationDto>, ProblemHttpResult>> One(
        string mn, StationRegister register, LiveState live, IServiceProvider services, CancellationToken cancellationToken) =>
        register.Basin.Stations.FirstOrDefault(s => s.DeviceId == mn) is Station station
            ? TypedResults.Ok((await StatusesAsync([station], live, services, cancellationToken))[0])
            : BasinsApi.NotFoundProblem("station", mn);

    private static async Task<Results<Ok<PacketDto[]>, ProblemHttpResult, ValidationProblem>> Packets(
        string mn, [AsParameters] PacketLogQuery query, StationRegister register, IReadingStore store, PageCursors cursors, HttpContext context,
        CancellationToken cancellationToken)
    {
        if (register.Find(mn) is null)
        {
            return BasinsApi.NotFoundProblem("station", mn);
        }

        return await PacketsOf([mn], query, store, cursors, context, cancellationToken);
    }

    /// <summary>
    /// Packets no registered station owns: those naming no MN, and those naming an MN the basin does not know (quarantined).
    /// Only the most recently active unknown MNs are read, so invented MNs cannot make one request read without end.
    /// </summary>
    private static async Task<Results<Ok<PacketDto[]>, ProblemHttpResult, ValidationProblem>> Unattributed(
        [AsParameters] PacketLogQuery query, StationRegister register, IReadingStore store, PageCursors cursors, HttpContext context,
        CancellationToken cancellationToken)
    {
        IEnumerable<string> unknown = (await store.StationActivityAsync(cancellationToken))
            .Where(a => a.StationId.Length > 0 && register.Find(a.StationId) is null)
            .OrderByDescending(a => a.LastPacketId).Take(UnknownStationsRead).Select(a => a.StationId);
        return await PacketsOf(["", .. unknown], query, store, cursors, context, cancellationToken);
    }

    private static async Task<Results<Ok<PacketDto>, ProblemHttpResult, ValidationProblem>> Packet(
        string mn, string packet, StationRegister register, IReadingStore store, CancellationToken cancellationToken)
    {
        if (PacketIdOf(packet) is not long id)
        {
            return BadPacketId();
        }

        if (register.Find(mn) is null)
        {
            return BasinsApi.NotFoundProblem("station", mn);
        }

        return await FindPacketAsync(store, id, cancellationToken) is StoredRawPacket found && found.Packet.StationId == mn
            ? TypedResults.Ok(PacketOf(found))
            : BasinsApi.NotFoundProblem("packet", string.Create(CultureInfo.InvariantCulture, $"{id} of station {mn}"));
    }

    private static async Task<Results<Ok<PacketDto>, ProblemHttpResult, ValidationProblem>> UnattributedPacket(
        string packet, StationRegister register, IReadingStore store, CancellationToken cancellationToken)
    {
        if (PacketIdOf(packet) is not long id)
        {
            return BadPacketId();
        }

        return await FindPacketAsync(store, id, cancellationToken) is StoredRawPacket found
            && (string.IsNullOrEmpty(found.Packet.StationId) || register.Find(found.Packet.StationId) is null)
            ? TypedResults.Ok(PacketOf(found))
            : BasinsApi.NotFoundProblem("unattributed packet", id.ToString(CultureInfo.InvariantCulture));
    }

    private static long? PacketIdOf(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long id) && id is >= 1 and < long.MaxValue ? id : null;

    private static ValidationProblem BadPacketId() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["packet"] = ["must be a packet id (1 or more)"] });

    // Kept and rejected packets are numbered from one sequence: the newest packet below id + 1, of any station, is the packet itself if it exists
    // (committed, even while another node's packets numbered below it are still in flight).
    private static async Task<StoredRawPacket?> FindPacketAsync(IReadingStore store, long id, CancellationToken cancellationToken) =>
        (await store.RawPacketsAsync(new RawPacketQuery(null, 1) { Before = id + 1, Settled = false }, cancellationToken)) is [StoredRawPacket found] && found.Id == id ? found : null;

    internal static readonly PageList PacketLog = new("packets", 50, 1000, KeyCount: 2);

    private static async Task<Results<Ok<PacketDto[]>, ProblemHttpResult, ValidationProblem>> PacketsOf(
        string[] stations, PacketLogQuery query, IReadingStore store, PageCursors cursors, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        PacketVerdict? verdict = query.Verdict switch
        {
            null => null,
            "accepted" => PacketVerdict.Accepted,
            "rejected" => PacketVerdict.Rejected,
            "quarantined" => PacketVerdict.Quarantined,
            _ => Invalid(errors, "verdict", $"'{Bounded(query.Verdict)}' is not accepted, rejected or quarantined"),
        };
        string? prefix = null;
        if (query.Reason is not null && !RejectReasons.Prefixes.TryGetValue(query.Reason, out prefix))
        {
            errors["reason"] = [$"'{Bounded(query.Reason)}' is not a reject reason code; codes: {string.Join(", ", RejectReasons.Prefixes.Keys.Order(StringComparer.Ordinal))}"];
        }
        else if (query.Reason is not null && verdict is PacketVerdict.Accepted)
        {
            errors["reason"] = ["filters rejected and quarantined packets; accepted packets have no reason"];
        }

        // The cursor holds the last id answered and, for one station, where its chain of kept packets resumes.
        string scope = PageScope.Of([query.Verdict, query.Reason, .. stations]);
        PageRequest page = PageRequest.Read(cursors, PacketLog, scope, query.Cursor, query.Limit, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        long? before = page.After is [string id, _] ? long.Parse(id, CultureInfo.InvariantCulture) : null;
        long? chainFrom = stations.Length == 1 && page.After is [_, string chain] && chain.Length > 0 ? long.Parse(chain, CultureInfo.InvariantCulture) : null;
        var packets = new List<StoredRawPacket>();
        foreach (string station in stations)
        {
            packets.AddRange(await store.RawPacketsAsync(
                new RawPacketQuery(station, page.Limit + 1) { Before = before, ChainFrom = chainFrom, Verdict = verdict, ReasonPrefix = prefix }, cancellationToken));
        }

        packets = [.. packets.OrderByDescending(p => p.Id).Take(page.Limit + 1)];
        if (packets.Count > page.Limit)
        {
            packets.RemoveAt(page.Limit);
            long? resume = packets.LastOrDefault(p => p.Previous is not null)?.Previous ?? chainFrom;
            string next = cursors.Issue(PacketLog.Name, scope, packets[^1].Id.ToString(CultureInfo.InvariantCulture),
                stations.Length == 1 && resume is long r ? r.ToString(CultureInfo.InvariantCulture) : "");
            PageRequest.LinkNext(context, next);
        }

        return TypedResults.Ok(packets.Select(PacketOf).ToArray());
    }

    private static PacketDto PacketOf(StoredRawPacket p) => new(p.Id, p.Packet.ReceivedAt.ToOffset(TimeSpan.FromHours(8)), p.Packet.Remote, p.Packet.Command,
        p.Packet.Verdict.ToString(), p.Packet.Reason is null ? null : PasswordMask.Apply(p.Packet.Reason),
        ByteText.Escape(PasswordMask.Apply(p.Packet.Bytes), 2048), p.Packet.Verdict is PacketVerdict.Rejected or PacketVerdict.Quarantined ? RejectReasons.CodeOf(p.Packet.Reason) : null);

    private static readonly TimeSpan LongestReadings = TimeSpan.FromDays(3653);

    internal static readonly PageList ReadingList = new("readings", 1000, 10_000, KeyCount: 3);

    private static async Task<Results<Ok<ReadingDto[]>, ProblemHttpResult, ValidationProblem>> Readings(
        string mn, [AsParameters] ReadingListQuery query, StationRegister register, IReadingStore store, TimeProvider clock, PageCursors cursors,
        HttpContext context, CancellationToken cancellationToken)
    {
        if (register.Find(mn) is null)
        {
            return BasinsApi.NotFoundProblem("station", mn);
        }

        var errors = new Dictionary<string, string[]>();
        ReadingKind? readingKind = KindOf(query.Kind, errors);
        DateTimeOffset end = QueryTime.Parse(query.To, "to", clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)), errors);
        DateTimeOffset start = QueryTime.Parse(query.From, "from", end.AddDays(-1), errors);
        // A long range is answered a page at a time, in order of parameter, kind and time; ten years bound what one walk
        // may search (each hour of the range is one seek per series, whether it holds readings or not).
        QueryTime.CheckSpan(start, end, LongestReadings, "10 years (page through a range with ?cursor=)", errors);
        string scope = PageScope.Of(mn, query.Parameter, query.Kind, start.UtcTicks.ToString(CultureInfo.InvariantCulture), end.UtcTicks.ToString(CultureInfo.InvariantCulture));
        PageRequest page = PageRequest.Read(cursors, ReadingList, scope, query.Cursor, query.Limit, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        ReadingPosition? after = page.After is [string parameter, string kind, string at]
            ? new ReadingPosition(parameter, (ReadingKind)int.Parse(kind, CultureInfo.InvariantCulture), DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(at, CultureInfo.InvariantCulture)))
            : null;
        List<StoredReading> stored = [.. await store.ReadingsAsync(
            new ReadingQuery(mn, query.Parameter, readingKind, start, end) { After = after, Limit = page.Limit + 1 }, cancellationToken)];
        if (stored.Count > page.Limit)
        {
            stored.RemoveAt(page.Limit);
            Reading last = stored[^1].Reading;
            PageRequest.LinkNext(context, cursors.Issue(ReadingList.Name, scope, last.Parameter, ((int)last.Kind).ToString(CultureInfo.InvariantCulture),
                last.PeriodStart.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        }

        return TypedResults.Ok(stored.Select(r => new ReadingDto(r.Reading.Parameter, r.Reading.Kind.ToString(), r.Reading.PeriodStart, r.Reading.Value,
            UnitText.Symbol(r.Reading.Unit), r.Reading.Flag, r.Reading.Valid, r.Revision, r.Reading.ScreenRule)).ToArray());
    }

    internal static ReadingKind? KindOf(string? kind, Dictionary<string, string[]> errors)
    {
        // One name only: Enum.TryParse also takes numbers ("99") and lists ("realtime,minute" would read as Hour).
        if (kind is null)
        {
            return null;
        }

        if (kind.All(char.IsAsciiLetter) && Enum.TryParse(kind, ignoreCase: true, out ReadingKind parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        errors["kind"] = [$"'{Bounded(kind)}' is not realtime, minute, hour, day, fourhour or sample"];
        return null;
    }

    private static PacketVerdict? Invalid(Dictionary<string, string[]> errors, string name, string message)
    {
        errors[name] = [message];
        return null;
    }

    private static string Bounded(string text) => text.Length > 64 ? text[..64] + "…" : text;
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
