using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Contracts;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Api.Paging;
using Qingshui.Server.Ingest;
using Qingshui.Server.Live;

namespace Qingshui.Server.Api;

/// <summary><c>/api/v1/basins</c>: the monitoring network, each section's current class, the river drawing, and basin evaluation.</summary>
internal static class BasinsApi
{
    public static RouteGroupBuilder MapBasinsApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/basins").WithTags("Basins").PublicUnlessReadsAreClosed(routes);
        group.MapGet("/", List).WithCsv().WithName("ListBasins").WithSummary("Basins served.");
        group.MapGet("/{id}", Get).WithName("GetBasin").WithSummary("A basin: jurisdictions, sections with their target and current class, and its map (GeoJSON).");
        group.MapGet("/{id}/assessment", GetAssessment).WithName("GetBasinAssessment")
            .WithSummary("River/basin evaluation for a month (fewer than 5 sections: mean concentrations; 5 or more: class shares). ?month=YYYY-MM");
        return group;
    }

    internal static readonly PageList Listed = new("basins", 100, 100);

    private static Results<Ok<BasinSummaryDto[]>, ValidationProblem> List([AsParameters] Pager pager, ServerOptions options, StationRegister register)
    {
        var errors = new Dictionary<string, string[]>();
        PageRequest page = pager.Read(Listed, "", errors);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(pager.Slice(page, Listed, "", [options.Basin], b => b.Id)
                .Select(b => new BasinSummaryDto(b.Id, ApiMapping.Name(b.Name), b.Sections.Count, register.Basin.Stations.Count)).ToArray());
    }

    private static Results<Ok<BasinDto>, ProblemHttpResult> Get(string id, ServerOptions options, LiveState live)
    {
        Basin basin = options.Basin;
        if (id != basin.Id)
        {
            return NotFoundProblem("basin", id);
        }

        string? geo = BasinPresets.RiverGeoJson(basin.Id);
        return TypedResults.Ok(new BasinDto(
            basin.Id, ApiMapping.Name(basin.Name),
            basin.Jurisdictions.Select(j => new JurisdictionDto(j.Id, ApiMapping.Name(j.Name))).ToArray(),
            basin.Sections.Select(s => Summary(s, live)).ToArray(),
            geo is null ? null : JsonSerializer.Deserialize<JsonElement>(geo)));
    }

    private static async Task<Results<Ok<BasinAssessmentDto>, ProblemHttpResult, ValidationProblem>> GetAssessment(
        string id, string? month, ServerOptions options, SectionData data, CancellationToken cancellationToken)
    {
        if (id != options.Basin.Id)
        {
            return NotFoundProblem("basin", id);
        }

        var errors = new Dictionary<string, string[]>();
        if (QueryTime.ParseMonth(month, "month", errors) is not DateTimeOffset start)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var sections = new List<IReadOnlyDictionary<string, decimal>>();
        foreach (Section section in options.Basin.Sections)
        {
            if (await data.MonthAsync(section, start, cancellationToken) is var (_, assessment, _))
            {
                sections.Add(assessment.Items.Where(i => i.Value is not null).ToDictionary(i => i.Item.Id, i => i.Value!.Value));
            }
        }

        RiverAssessment river = RiverEvaluator.Evaluate(SectionClass.Rule, sections);
        return TypedResults.Ok(new BasinAssessmentDto(month!, river.Grade is QualityGrade g ? QualityGrades.Chinese(g) : null, river.Method.ToString(), river.Sections,
            river.ClassShares.ToDictionary(c => WaterClassText.ToRoman(c.Key), c => c.Value), river.MainPollutants.Select(p => p.Item.Id).ToArray()));
    }

    internal static SectionSummaryDto Summary(Section s, LiveState live)
    {
        SectionAssessment current = live.CurrentAssessment(s);
        return new SectionSummaryDto(
            s.Id, ApiMapping.Name(s.Name), ApiMapping.Waterbody(s.Waterbody), WaterClassText.ToRoman(s.TargetClass), s.Jurisdiction, s.Upstream, s.Downstream,
            s.Location?.Longitude, s.Location?.Latitude, ApiMapping.Class(current.Class),
            current.Grade is QualityGrade g ? QualityGrades.Chinese(g) : null, live.LatestTime(s));
    }

    internal static ProblemHttpResult NotFoundProblem(string what, string id) =>
        TypedResults.Problem(title: $"No such {what}", detail: $"There is no {what} '{id}'.", statusCode: StatusCodes.Status404NotFound);
}
