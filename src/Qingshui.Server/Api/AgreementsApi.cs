using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Compensation;
using Qingshui.Reporting;
using Qingshui.Server.Api.Contracts;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Api.Paging;
using Qingshui.Storage;
using Qingshui.Storage.Compensation;

namespace Qingshui.Server.Api;

/// <summary><c>/api/v1/agreements</c>: the agreements served, their accounts and annual statements (JSON or a download).</summary>
internal static class AgreementsApi
{
    public static RouteGroupBuilder MapAgreementsApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/agreements").WithTags("Compensation");
        group.MapGet("/", List).WithCsv().WithName("ListAgreements").WithSummary("Agreements kept by this server.");
        group.MapGet("/{id}", One).WithName("GetAgreement").WithSummary("One agreement: parties, sections, period, term and notes.");
        group.MapGet("/{id}/statements", StatementYears).WithCsv().WithName("ListStatementYears")
            .WithSummary("The years of the agreement's term, each a statement (GET …/statements/{year}): its reckoning periods, how many the ledger has "
                + "recorded and how many every party confirmed, and whether the year is closed.");
        group.MapGet("/{id}/statements/{year:int}", Statement).WithMetadata(new OwnFormats()).WithName("GetStatement")
            .WithSummary("The year's statement as the ledger recorded it: monthly accounts with evidence, agreed adjustments, net per pair, due date, content hash; "
                + "and its standing: provisional (with reasons), per-period states (in progress, not started, outside term…), proposed adjustments, agreementChanged. "
                + "?format=json|md|html|csv|xlsx&lang=zh|en");
        return group;
    }

    internal static readonly PageList Listed = new("agreements", 1000, 1000);

    private static Results<Ok<AgreementDto[]>, ValidationProblem> List([AsParameters] Pager pager, ServerOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        PageRequest page = pager.Read(Listed, "", errors);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(pager.Slice(page, Listed, "", options.Agreements, a => a.Id).Select(Dto).ToArray());
    }

    private static Results<Ok<AgreementDto>, ProblemHttpResult> One(string id, ServerOptions options) =>
        options.Agreements.FirstOrDefault(a => a.Id == id) is Agreement agreement
            ? TypedResults.Ok(Dto(agreement))
            : BasinsApi.NotFoundProblem("agreement", id);

    private static AgreementDto Dto(Agreement a) => new(
        a.Id, ApiMapping.Name(a.Name), a.Parties.Select(p => new JurisdictionDto(p.Id, ApiMapping.Name(p.Name))).ToArray(),
        a.Sections.Select(s => s.Id).ToArray(), a.Period.ToString().ToLowerInvariant(), a.TermStart.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
        a.TermEnd.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), a.Notes);

    private static async Task<Results<Ok<StatementYearDto[]>, ProblemHttpResult>> StatementYears(
        string id, ServerOptions options, ILedgerStore ledgers, CancellationToken cancellationToken)
    {
        if (options.Agreements.FirstOrDefault(a => a.Id == id) is not Agreement agreement)
        {
            return BasinsApi.NotFoundProblem("agreement", id);
        }

        Ledger ledger = await ledgers.LoadAsync(agreement, cancellationToken);
        return TypedResults.Ok(Enumerable.Range(agreement.TermStart.Year, agreement.TermEnd.Year - agreement.TermStart.Year + 1).Select(year =>
        {
            PeriodState[] states = [.. agreement.PeriodsOf(year).Select(ledger.StateOf)];
            return new StatementYearDto(year, states.Length, states.Count(s => s != PeriodState.Open),
                states.Count(s => s is PeriodState.Confirmed or PeriodState.Settled), ledger.IsSettled(year));
        }).ToArray());
    }

    private static async Task<Results<ContentHttpResult, FileContentHttpResult, ProblemHttpResult, ValidationProblem>> Statement(
        string id, int year, string? format, string? lang, string? encoding, ServerOptions options, SettlementService settlements, CancellationToken cancellationToken)
    {
        if (options.Agreements.FirstOrDefault(a => a.Id == id) is not Agreement agreement)
        {
            return BasinsApi.NotFoundProblem("agreement", id);
        }

        var errors = new Dictionary<string, string[]>();
        if (QueryTime.CheckYear(year, "year", errors) && (year < agreement.TermStart.Year || year > agreement.TermEnd.Year))
        {
            errors["year"] = [string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{year} is outside the agreement's term ({agreement.TermStart:yyyy-MM} to {agreement.TermEnd:yyyy-MM})")];
        }

        if (format is not (null or "json" or "md" or "html" or "csv" or "xlsx"))
        {
            errors["format"] = [$"'{format}' is not json, md, html, csv or xlsx"];
        }

        if (encoding is not (null or "utf-8" or "gbk"))
        {
            errors["encoding"] = [$"'{encoding}' is not utf-8 or gbk"];
        }
        else if (encoding is not null && format != "csv")
        {
            errors["encoding"] = ["an encoding is for format=csv only"];
        }

        if (lang is not (null or "zh" or "en"))
        {
            errors["lang"] = [$"'{lang}' is not zh or en"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        Statement statement = await settlements.StatementAsync(agreement, year, cancellationToken);
        Language language = lang == "en" ? Language.English : Language.Chinese;
        string name = $"{agreement.Id}-{year}";
        return format switch
        {
            "md" => TypedResults.Text(StatementRenderer.Markdown(statement, language), "text/markdown; charset=utf-8"),
            "html" => TypedResults.Text(StatementRenderer.Html(statement, language), "text/html; charset=utf-8"),
            "csv" => encoding == "gbk"
                ? TypedResults.File(StatementRenderer.CsvBytes(statement, language, CsvEncoding.Gbk), "text/csv; charset=gbk", name + ".csv")
                : TypedResults.File(StatementRenderer.CsvBytes(statement, language), "text/csv; charset=utf-8", name + ".csv"),
            "xlsx" => TypedResults.File(StatementRenderer.Xlsx(statement, language), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx"),
            _ => TypedResults.Text(statement.Json, "application/json; charset=utf-8"),
        };
    }
}
