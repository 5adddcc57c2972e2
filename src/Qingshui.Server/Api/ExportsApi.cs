using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Network;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Ingest;
using Qingshui.Server.Joint;
using Qingshui.Storage;

namespace Qingshui.Server.Api;

/// <summary>
/// <c>/api/v1/exports</c>: readings (raw, hourly, daily) and monthly results per section over a chosen range, as CSV,
/// written to the response as they are read: a year of hourly values of a whole basin never sits in memory.
/// </summary>
/// <remarks>
/// Readings are read like a station's readings (members, or anyone when every read is public); monthly results like a
/// section's months (public unless public reads are off).
/// </remarks>
internal static class ExportsApi
{
    /// <summary>What one export may span: each hour of the range is a seek per series, whether it holds values or not.</summary>
    private static readonly TimeSpan LongestReadings = TimeSpan.FromDays(3653);
    private const int LongestMonths = 120;

    /// <summary>The kinds of the receipts of exports: which organisation received which export, and when first.</summary>
    public const string ReadingsKind = "export.readings";

    /// <summary>The kind of the receipts of monthly-results exports.</summary>
    public const string MonthsKind = "export.months";

    public static void MapExportsApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder readings = routes.MapGroup("/api/v1/exports").WithTags("Exports");
        readings.MapGet("/readings", Readings).WithMetadata(new OwnFormats()).WithName("ExportReadings").WithSummary(
            "Readings as CSV (UTF-8 with BOM), streamed: ?from=&to= (required, at most 10 years), ?interval=raw|hour|day (default hour: raw = real-time values, "
            + "hour = hourly values as sent, day = daily means of the valid hourly values, Beijing days), ?section= or ?station= (default: every station), ?parameter=.");
        RouteGroupBuilder months = routes.MapGroup("/api/v1/exports").WithTags("Exports").PublicUnlessReadsAreClosed(routes);
        months.MapGet("/months", Months).WithMetadata(new OwnFormats()).WithName("ExportMonths").WithSummary(
            $"Monthly results per section as CSV (UTF-8 with BOM), streamed: ?from=YYYY-MM&to=YYYY-MM (required, inclusive, at most {LongestMonths} months), "
            + "?section= (default: every section): class, grade, deciding items, main pollutants, missing items and each item's monthly mean.");
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem>> Readings(
        [AsParameters] ReadingExportQuery query, StationRegister register, IReadingStore store, HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        Station[] stations = StationsOf(query.Section, query.Station, register, errors);
        ReadingExport.Interval? interval = query.Interval switch
        {
            null or "hour" => ReadingExport.Interval.Hour,
            "raw" => ReadingExport.Interval.Raw,
            "day" => ReadingExport.Interval.Day,
            _ => null,
        };
        if (interval is null)
        {
            errors["interval"] = [$"'{Bounded(query.Interval!)}' is not raw, hour or day"];
        }

        if (query.Parameter is { Length: > 16 })
        {
            errors["parameter"] = [$"'{Bounded(query.Parameter)}' is not a parameter code (at most 16 characters)"];
        }

        CheckFormat(query.Format, errors);
        DateTimeOffset from = QueryTime.Parse(Required(query.From, "from", errors), "from", default, errors);
        DateTimeOffset to = QueryTime.Parse(Required(query.To, "to", errors), "to", default, errors);
        QueryTime.CheckSpan(from, to, LongestReadings, "10 years", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await ReadingExport.WriteAsync(context, store, stations, query.Parameter, interval!.Value, from, to);
        if (!context.RequestAborted.IsCancellationRequested)
        {
            string scope = query.Station ?? (query.Section is string section ? "section:" + section : "all");
            await Receipts.ReceivedAsync(context, ReadingsKind, string.Create(CultureInfo.InvariantCulture,
                $"{query.Interval ?? "hour"}/{scope}/{query.Parameter ?? "all"}/{ChinaTime(from)}/{ChinaTime(to)}"));
        }

        return TypedResults.Empty;
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem>> Months(
        [AsParameters] MonthExportQuery query, ServerOptions options, SectionData data, HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        Section[] sections = query.Section is null ? [.. options.Basin.Sections.OrderBy(s => s.Order)]
            : options.Basin.FindSection(query.Section) is Section one ? [one] : [];
        if (sections.Length == 0)
        {
            errors["section"] = [$"'{Bounded(query.Section!)}' is not a section of this basin"];
        }

        CheckFormat(query.Format, errors);
        DateTimeOffset? from = QueryTime.ParseMonth(Required(query.From, "from", errors), "from", errors);
        DateTimeOffset? to = QueryTime.ParseMonth(Required(query.To, "to", errors), "to", errors);
        int count = from is DateTimeOffset f && to is DateTimeOffset t ? (t.Year - f.Year) * 12 + t.Month - f.Month + 1 : 0;
        if (from is not null && to is not null && count is < 1 or > LongestMonths)
        {
            errors["from"] = [string.Create(CultureInfo.InvariantCulture, $"must be a month at most {LongestMonths} months before 'to', not after it")];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await MonthExport.WriteAsync(context, data, sections, from!.Value, count);
        if (!context.RequestAborted.IsCancellationRequested)
        {
            await Receipts.ReceivedAsync(context, MonthsKind, string.Create(CultureInfo.InvariantCulture,
                $"{query.Section ?? "all"}/{from.Value:yyyy-MM}/{to!.Value:yyyy-MM}"));
        }

        return TypedResults.Empty;
    }

    private static Station[] StationsOf(string? section, string? station, StationRegister register, Dictionary<string, string[]> errors)
    {
        if (section is not null && station is not null)
        {
            errors["station"] = ["give either 'section' or 'station', not both"];
            return [];
        }

        Station[] all = [.. register.Basin.Stations.OrderBy(s => s.DeviceId, StringComparer.Ordinal)];
        if (station is not null)
        {
            Station? found = register.Find(station);
            if (found is null)
            {
                errors["station"] = [$"'{Bounded(station)}' is not a registered station"];
            }

            return found is null ? [] : [found];
        }

        if (section is not null && register.Basin.FindSection(section) is null)
        {
            errors["section"] = [$"'{Bounded(section)}' is not a section of this basin"];
        }

        return section is null ? all : [.. all.Where(s => s.Section == section)];
    }

    // An export's range in a receipt's id: China time to the minute, as the exports' own times read.
    private static string ChinaTime(DateTimeOffset time) => time.ToOffset(Hj212.Hj212Time.ChinaStandardOffset).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private static void CheckFormat(string? format, Dictionary<string, string[]> errors)
    {
        if (format is not (null or "csv"))
        {
            errors["format"] = [$"'{Bounded(format)}' is not csv (exports are CSV)"];
        }
    }

    private static string? Required(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            errors[name] = ["is required"];
        }

        return value;
    }

    internal static string Bounded(string text) => text.Length > 64 ? text[..64] + "…" : text;
}

/// <summary>The readings export's parameters.</summary>
internal sealed record ReadingExportQuery
{
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Interval { get; init; }
    public string? Section { get; init; }
    public string? Station { get; init; }
    public string? Parameter { get; init; }
    public string? Format { get; init; }
}

/// <summary>The monthly results export's parameters.</summary>
internal sealed record MonthExportQuery
{
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Section { get; init; }
    public string? Format { get; init; }
}
