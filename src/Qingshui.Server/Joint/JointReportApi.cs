using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Reporting;
using Qingshui.Reporting.Joint;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api;

namespace Qingshui.Server.Joint;

/// <summary>
/// <c>/api/v1/joint/report</c>: the yearly joint work report, one section from each registered <see cref="IJointReportSource"/>
/// (meetings, decisions, incidents here; patrols, cases and discrepancies register theirs), as HTML or Excel.
/// </summary>
internal static class JointReportApi
{
    /// <summary>The kind of the receipts of the yearly report: which organisation downloaded which year first, and when.</summary>
    public const string ReportKind = "joint-report";

    private static readonly string[] SectionOrder = ["meetings", "decisions", "patrols", "findings", "cases", "discrepancies", "joint-sampling", "incidents"];

    public static IEndpointRouteBuilder MapJointReportApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/joint/report", Report).WithTags("Joint work").RequireAuthorization(Policies.Member).WithName("GetJointReport")
            .WithSummary("The yearly joint work report: ?basin= (this server's basin), ?year= (required), ?format=html|xlsx (default html), ?lang=zh|en (default zh).");
        return routes;
    }

    private static async Task<Results<ContentHttpResult, FileContentHttpResult, ProblemHttpResult, ValidationProblem>> Report(
        string? basin, string? year, string? format, string? lang, HttpContext context, ServerOptions options, IEnumerable<IJointReportSource> sources,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out int y) || y is < 2000 or > 2100)
        {
            errors["year"] = [year is null ? "is required (2000–2100)" : "must be a year 2000–2100"];
        }

        if (format is not (null or "html" or "xlsx"))
        {
            errors["format"] = ["must be html or xlsx"];
        }

        if (lang is not (null or "zh" or "en"))
        {
            errors["lang"] = ["must be zh or en"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (basin is not null && basin != options.Basin.Id)
        {
            return BasinsApi.NotFoundProblem("basin", basin);
        }

        List<JointReportSection> sections = [];
        foreach (IJointReportSource source in sources)
        {
            sections.Add(await source.SectionAsync(options.Basin.Id, y, cancellationToken));
        }

        // The report reads in the order of the joint work, whatever order the sources were registered in; a kind not
        // listed here follows the listed ones.
        sections = [.. sections.OrderBy(s => Array.IndexOf(SectionOrder, s.Key) is int i and >= 0 ? i : SectionOrder.Length)];
        Language language = lang == "en" ? Language.English : Language.Chinese;
        string name = language == Language.English ? options.Basin.Name.English : options.Basin.Name.Chinese;

        // Who received the year's report, in either format, and when first: the receipts' record of what each side was told.
        await Receipts.ReceivedAsync(context, ReportKind, string.Create(CultureInfo.InvariantCulture, $"{options.Basin.Id}/{y}"));
        return format == "xlsx"
            ? TypedResults.File(JointReportRenderer.Excel(sections, language), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                string.Create(CultureInfo.InvariantCulture, $"joint-report-{options.Basin.Id}-{y}.xlsx"))
            : TypedResults.Text(JointReportRenderer.Html(name, y, sections, language), "text/html; charset=utf-8");
    }
}
