using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Joint;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Server.Api;
using Qingshui.Server.Ingest;

namespace Qingshui.Server.Joint;

/// <summary>
/// <c>/api/v1/joint/side-by-side</c>: the two stations of one section for one parameter over a range: both hourly series,
/// both daily and monthly means with their difference against the tolerance, and the section's value from both together.
/// A members' read, as stations' own data are.
/// </summary>
internal static class SideBySideApi
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(366);
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static RouteGroupBuilder MapSideBySideApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/joint/side-by-side").WithTags("Joint monitoring");
        group.MapGet("/", Get).WithName("GetSideBySide").Produces<SideBySideDto>().WithSummary(
            "The two stations of a section side by side: ?section=jinyushi&parameter=w21003 (HJ 212 code or GB 3838 item id)&from=&to= "
            + "(default the last 30 days; at most 366): hourly series, daily and monthly means, A − B against the tolerance, the section's value.");
        return group;
    }

    private static async Task<Results<Ok<SideBySideDto>, ProblemHttpResult, ValidationProblem>> Get(
        string? section, string? parameter, string? from, string? to, ServerOptions options, StationRegister register, StationPairReadings readings,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Basin basin = register.Basin;
        Section? s = section is null ? null : basin.FindSection(section);
        if (s is null)
        {
            errors["section"] = [section is null ? "is required: a section with two stations (e.g. jinyushi)" : $"'{Short(section)}' is not a section of this basin"];
        }

        StandardItem? item = parameter is null ? null : StandardItems.ForParameter(parameter) ?? StandardItems.Find(parameter);
        if (item?.ParameterCode is null)
        {
            errors["parameter"] = [$"'{Short(parameter ?? "")}' is not the HJ 212 code (w21003) or GB 3838 item id (NH3N) of a measured parameter"];
        }

        DateTimeOffset now = clock.GetUtcNow().ToOffset(Beijing);
        DateTimeOffset end = QueryTime.Parse(to, "to", now, errors);
        DateTimeOffset start = QueryTime.Parse(from, "from", end.AddDays(-30), errors);
        QueryTime.CheckSpan(start, end, Longest, "366 days", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (StationPair.Of(basin).FirstOrDefault(p => p.Section == s!.Id) is not StationPair pair)
        {
            int count = basin.Stations.Count(x => x.Section == s!.Id);
            return TypedResults.Problem($"Section '{s!.Id}' has {count} station(s); side by side needs two.", statusCode: StatusCodes.Status404NotFound,
                title: "No two stations at this section");
        }

        Parameter p = ParameterCatalogue.Find(item!.ParameterCode!)!;
        (var a, var b) = await readings.ReadAsync(pair, start, end, cancellationToken, p.Code);
        return TypedResults.Ok(Answer(s!, item, p, pair, options.JointMonitoring, start, end, a, b));
    }

    private static SideBySideDto Answer(
        Section section, StandardItem item, Parameter parameter, StationPair pair, JointMonitoringSettings settings, DateTimeOffset start, DateTimeOffset end,
        List<Observation> a, List<Observation> b)
    {
        var hourA = SectionData.Downsample(a, item, TimeSpan.FromHours(1)).ToDictionary(x => x.Time, x => x.Mean);
        var hourB = SectionData.Downsample(b, item, TimeSpan.FromHours(1)).ToDictionary(x => x.Time, x => x.Mean);
        var hourSection = SectionData.Downsample([.. a, .. b], item, TimeSpan.FromHours(1));
        SideBySideHourDto[] hours = [.. hourSection.Select(h =>
        {
            decimal? x = hourA.TryGetValue(h.Time, out decimal va) ? va : null, y = hourB.TryGetValue(h.Time, out decimal vb) ? vb : null;
            return new SideBySideHourDto(h.Time, x, y, x - y, h.Mean);
        })];
        Tolerance? tolerance = settings.For(item);
        return new SideBySideDto(section.Id, ApiMapping.Name(section.Name), parameter.Code, new(parameter.ChineseName, parameter.EnglishName), UnitText.Symbol(item.Unit),
            StatisticalRounding.HourlyPlaces(item), Station(pair.A), Station(pair.B),
            tolerance is null ? null : new ToleranceDto(tolerance.Absolute, tolerance.Relative, tolerance.Describe()), start, end, hours,
            Periods(a, b, PeriodKind.Day, settings), Periods(a, b, PeriodKind.Month, settings));
    }

    private static SideBySidePeriodDto[] Periods(List<Observation> a, List<Observation> b, PeriodKind kind, JointMonitoringSettings settings) =>
        [.. SideBySide.Compare(a, b, kind, settings).Select(c =>
            new SideBySidePeriodDto(c.Period.ToString(), c.MeanA, c.MeanB, c.Difference?.Difference, c.Difference?.Relative, c.Exceeds, c.SectionMean))];

    private static PairStationDto Station(Station station) => new(station.DeviceId, ApiMapping.Name(station.Name), station.Operator);

    private static string Short(string text) => text.Length > 64 ? text[..64] + "…" : text;
}
