using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Contracts;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Api.Paging;
using Qingshui.Server.Ingest;
using Qingshui.Server.Live;

namespace Qingshui.Server.Api;

/// <summary><c>/api/v1/sections</c>: a section now, month by month, and any parameter's series with its class bands.</summary>
internal static class SectionsApi
{
    private const int MaxPoints = 2000;

    // What one request may ask for, by the points it makes (raw values, hourly or daily means): longer spans take several requests.
    private static readonly TimeSpan LongestRaw = TimeSpan.FromDays(92);
    private static readonly TimeSpan LongestHourly = TimeSpan.FromDays(366);
    private static readonly TimeSpan LongestDaily = TimeSpan.FromDays(3653);

    public static RouteGroupBuilder MapSectionsApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/sections").WithTags("Sections").PublicUnlessReadsAreClosed(routes);
        group.MapGet("/", List).WithCsv().WithName("ListSections").WithSummary("Every section of the basin, source to mouth, with its target and current class.");
        group.MapGet("/{id}", Get).WithName("GetSection").WithSummary("A section, its stations, and the assessment of its latest values.");
        group.MapGet("/{id}/months", Months).WithCsv().WithName("GetSectionMonths").Produces<MonthDto[]>()
            .WithSummary("Monthly classes of a year (the class calendar), with deciding items, main pollutants and completeness. ?year=YYYY");
        group.MapGet("/{id}/series", Series).WithCsv("points").WithName("GetSectionSeries").Produces<SeriesDto>()
            .WithSummary("A parameter's values from all the section's stations, downsampled server-side, with its class limits and the target. ?parameter=w21003&from=&to=&interval=raw|hour|day|month");
        return group;
    }

    internal static readonly PageList Listed = new("sections", 1000, 1000);

    private static Results<Ok<SectionSummaryDto[]>, ValidationProblem> List([AsParameters] Pager pager, ServerOptions options, LiveState live)
    {
        var errors = new Dictionary<string, string[]>();
        PageRequest page = pager.Read(Listed, "", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Source to mouth: the key is the section's order, then its id, so that equal orders still have one place each.
        Section[] sections = pager.Slice(page, Listed, "", options.Basin.Sections,
            s => string.Create(CultureInfo.InvariantCulture, $"{(long)s.Order - int.MinValue:D10}|{s.Id}"));
        return TypedResults.Ok(sections.Select(s => BasinsApi.Summary(s, live)).ToArray());
    }

    private static async Task<Results<Ok<SectionDto>, ProblemHttpResult>> Get(
        string id, ServerOptions options, StationRegister register, LiveState live, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (options.Basin.FindSection(id) is not Section section)
        {
            return BasinsApi.NotFoundProblem("section", id);
        }

        StationDto[] stations = await StationsApi.StatusesAsync(register.Basin.StationsAt(id), live, services, cancellationToken);
        return TypedResults.Ok(new SectionDto(BasinsApi.Summary(section, live), stations, ApiMapping.Assessment(live.CurrentAssessment(section))));
    }

    private static async Task<Results<JsonAnswer, ProblemHttpResult, ValidationProblem>> Months(
        string id, int? year, ServerOptions options, SectionData data, ResponseCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (options.Basin.FindSection(id) is not Section section)
        {
            return BasinsApi.NotFoundProblem("section", id);
        }

        int y = year ?? clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year;
        var errors = new Dictionary<string, string[]>();
        if (!QueryTime.CheckYear(y, "year", errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Each month is kept on its own: data arriving now make only the current month be computed again.
        DateTimeOffset now = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var starts = Enumerable.Range(1, 12).Select(m => new DateTimeOffset(y, m, 1, 0, 0, 0, TimeSpan.FromHours(8))).Where(m => m <= now).ToArray();
        MonthSlot[] slots = await Task.WhenAll(starts.Select(start => MonthAsync(section, start, data, cache, cancellationToken)));
        return JsonAnswer.Of(slots.Select(s => s.Month).OfType<MonthDto>().ToArray());
    }

    private static async Task<MonthSlot> MonthAsync(Section section, DateTimeOffset start, SectionData data, ResponseCache cache, CancellationToken cancellationToken)
    {
        string key = $"month|{start.UtcTicks}";
        if (cache.TryGet(section.Id, key, out MonthSlot? cached))
        {
            return cached;
        }

        long generation = cache.Generation(section.Id);
        var month = await data.MonthAsync(section, start, cancellationToken);
        var slot = new MonthSlot(month is var (period, assessment, means)
            ? new MonthDto(period.ToString(), ApiMapping.Assessment(assessment), means.Select(x => new CompletenessDto(x.Item.Id, x.ValidUnits, x.RequiredUnits, x.InvalidValues)).ToArray())
            : null);
        cache.Add(section.Id, key, null, start, start.AddMonths(1), slot, generation);
        return slot;
    }

    /// <summary>A month's answer, or none when it has no data (kept too, so an empty month is not read again).</summary>
    private sealed record MonthSlot(MonthDto? Month);

    private static async Task<Results<JsonAnswer, ProblemHttpResult, ValidationProblem>> Series(
        string id, string? parameter, string? from, string? to, string? interval, ServerOptions options, SectionData data, ResponseCache cache,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (options.Basin.FindSection(id) is not Section section)
        {
            return BasinsApi.NotFoundProblem("section", id);
        }

        var errors = new Dictionary<string, string[]>();
        Parameter? p = parameter is null ? null : ParameterCatalogue.Find(parameter);
        StandardItem? item = p is null ? null : StandardItems.ForParameter(p.Code);
        if (p is null || item is null)
        {
            errors["parameter"] = [$"'{parameter}' is not the HJ 212 code of a GB 3838 parameter (e.g. w21003 for NH3-N)"];
        }

        DateTimeOffset now = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        DateTimeOffset end = QueryTime.Parse(to, "to", now, errors);
        DateTimeOffset start = QueryTime.Parse(from, "from", end.AddDays(-30), errors);
        TimeSpan? bucket = interval switch
        {
            "raw" => null,
            "hour" => TimeSpan.FromHours(1),
            "day" => TimeSpan.FromDays(1),
            null => (end - start) / MaxPoints < TimeSpan.FromHours(1) ? null : (end - start).TotalDays > 180 ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1),
            _ => null,
        };
        if (interval is not (null or "raw" or "hour" or "day"))
        {
            errors["interval"] = [$"'{interval}' is not raw, hour or day"];
        }

        (TimeSpan longest, string longestText) = bucket is null ? (LongestRaw, "92 days of raw values")
            : bucket == TimeSpan.FromHours(1) ? (LongestHourly, "366 days of hourly means") : (LongestDaily, "10 years of daily means");
        QueryTime.CheckSpan(start, end, longest, longestText, errors);

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Closed ranges (the usual "that month" question) are kept until data arrive in them; live ranges are computed each time.
        string key = $"series|{p!.Code}|{start.UtcTicks}|{end.UtcTicks}|{bucket?.Ticks}";
        if (cache.TryGet(section.Id, key, out JsonAnswer? cached))
        {
            return cached;
        }

        long generation = cache.Generation(section.Id);
        ItemLimit limit = item!.LimitFor(section.Waterbody);
        LimitsDto? limits = limit.Kind switch
        {
            LimitKind.UpperBound or LimitKind.LowerBound => new LimitsDto(item.Id, limit.Kind.ToString(), Enumerable.Range(1, 5).Select(c => limit.LimitOf((WaterClass)c)).ToArray(), WaterClassText.ToRoman(section.TargetClass)),
            LimitKind.Range => new LimitsDto(item.Id, "Range", [limit.Bounds.Minimum, limit.Bounds.Maximum], WaterClassText.ToRoman(section.TargetClass)),
            _ => null,
        };
        var series = new SeriesDto(section.Id, p.Code, new NameDto(p.ChineseName, p.EnglishName), UnitText.Symbol(item.Unit),
            bucket is null ? "raw" : bucket == TimeSpan.FromDays(1) ? "day" : "hour", limits, []) { Decimals = StatisticalRounding.HourlyPlaces(item) };

        // Hourly and daily points straight from the packed hourly values where they answer alone; otherwise from the observations.
        JsonAnswer? answer = bucket is TimeSpan span ? await data.SeriesFromDaysAsync(section, item, start, end, span, series, cancellationToken) : null;
        if (answer is null)
        {
            List<Observation> observations = await data.ObservationsAsync(section, start, end, cancellationToken, p.Code);
            answer = JsonAnswer.Of(series with
            {
                Points = SectionData.Downsample(observations, item, bucket).Select(x => new PointDto(x.Time, x.Mean, x.Min, x.Max, x.Count)).ToArray(),
            });
        }

        if (to is not null && end <= now)
        {
            cache.Add(section.Id, key, p.Code, start, end, answer, generation);
        }

        return answer;
    }
}
