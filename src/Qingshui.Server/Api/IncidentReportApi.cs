using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Qingshui.Domain.Incidents;
using Qingshui.Reporting;
using Qingshui.Storage;

namespace Qingshui.Server.Api;

/// <summary><c>GET /api/v1/incidents/{id}/report</c>: the incident's report as recorded, in Markdown or HTML, Chinese or English.</summary>
internal static class IncidentReportApi
{
    public static async Task<Results<ContentHttpResult, ProblemHttpResult, ValidationProblem>> Report(
        string id, string? format, string? lang, ServerOptions options, IIncidentStore store, IAlertStore alerts, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long number) || number < 1)
        {
            errors["id"] = ["must be an incident id (1 or more)"];
        }

        if (format is not (null or "md" or "html"))
        {
            errors["format"] = ["must be md or html"];
        }

        if (lang is not (null or "zh" or "en"))
        {
            errors["lang"] = ["must be zh or en"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await store.FindIncidentAsync(number, cancellationToken) is not Incident incident)
        {
            return BasinsApi.NotFoundProblem("incident", id);
        }

        var evidence = await IncidentsApi.EvidenceAsync(incident, alerts, cancellationToken);
        Language language = lang == "en" ? Language.English : Language.Chinese;
        return format == "html"
            ? TypedResults.Text(IncidentReportRenderer.Html(incident, evidence, options.Basin, language), "text/html; charset=utf-8")
            : TypedResults.Text(IncidentReportRenderer.Markdown(incident, evidence, options.Basin, language), "text/markdown; charset=utf-8");
    }
}
