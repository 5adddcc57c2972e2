using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Quality;
using Qingshui.Reporting;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Contracts;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Ingest;
using Qingshui.Server.Live;

namespace Qingshui.Server.Api;

/// <summary>
/// <c>/api/v1/table</c>: the national-style data table (国家地表水水质自动监测实时数据发布 layout): every section with its
/// time, class, station status and every parameter's value with the value's own class, filtered by basin, province,
/// class and parameter and sorted as asked; as JSON, or as the CSV or Excel file of exactly those rows and columns.
/// </summary>
internal static class DataTableApi
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The query: every filter is optional; lists are comma-separated.</summary>
    internal sealed record Query
    {
        /// <summary>The basin's id (this server serves one).</summary>
        public string? Basin { get; init; }

        /// <summary>Jurisdiction ids.</summary>
        public string? Province { get; init; }

        /// <summary>Classes (Ⅲ, III, 3, 劣Ⅴ, WorseThanV).</summary>
        public string? Class { get; init; }

        /// <summary>Item ids (NH3N, TP): only these columns.</summary>
        public string? Parameter { get; init; }

        /// <summary>order (source to mouth, the default), name, province, class, time or an item id; a leading '-' sorts descending.</summary>
        public string? Sort { get; init; }

        /// <summary>json (default), csv (also <c>Accept: text/csv</c>) or xlsx.</summary>
        public string? Format { get; init; }

        /// <summary>zh (default) or en: the CSV and Excel files' headers and names.</summary>
        public string? Lang { get; init; }
    }

    public static RouteGroupBuilder MapDataTableApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/table").WithTags("Sections").PublicUnlessReadsAreClosed(routes);
        group.MapGet("/", Get).WithMetadata(new OwnFormats()).WithName("GetDataTable").Produces<DataTableDto>()
            .Produces(StatusCodes.Status200OK, contentType: Xlsx).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("Every section with its time, class, station status and each parameter's value and class. ?basin=&province=hunan,jiangxi&class=IV,V&parameter=NH3N,TP&sort=-class&format=json|csv|xlsx (or Accept: text/csv)&lang=zh|en");
        return group;
    }

    private static async Task<Results<Ok<DataTableDto>, FileContentHttpResult, ValidationProblem>> Get(
        [AsParameters] Query query, HttpContext context, ServerOptions options, StationRegister register, LiveState live, IServiceProvider services, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Basin basin = options.Basin;
        if (query.Basin is { } basinId && basinId != basin.Id)
        {
            errors["basin"] = [$"'{basinId}' is not a basin of this server (it serves '{basin.Id}')"];
        }

        string[] provinces = List(query.Province);
        string[] unknownProvinces = provinces.Where(p => basin.Jurisdictions.All(j => j.Id != p)).ToArray();
        if (unknownProvinces.Length > 0)
        {
            errors["province"] = [$"not a jurisdiction of the basin: {string.Join(", ", unknownProvinces)} (it has: {string.Join(", ", basin.Jurisdictions.Select(j => j.Id))})"];
        }

        var classes = new HashSet<WaterClass>();
        foreach (string text in List(query.Class))
        {
            if (WaterClassText.TryParse(text, out WaterClass c))
            {
                classes.Add(c);
            }
            else
            {
                errors["class"] = [$"'{text}' is not a class (Ⅰ…Ⅴ, 劣Ⅴ; I…V, WorseThanV; 1…6)"];
            }
        }

        string[] parameters = List(query.Parameter);
        string[] unknownItems = parameters.Where(p => Gb3838Table1.Items.All(i => !string.Equals(i.Id, p, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (unknownItems.Length > 0)
        {
            errors["parameter"] = [$"not a GB 3838 item id: {string.Join(", ", unknownItems)} (e.g. pH, DO, CODMn, NH3N, TP, TN)"];
        }

        string sortKey = (query.Sort ?? "order").TrimStart('-');
        if (sortKey is not ("order" or "name" or "province" or "class" or "time") && Gb3838Table1.Items.All(i => !string.Equals(i.Id, sortKey, StringComparison.OrdinalIgnoreCase)))
        {
            errors["sort"] = [$"'{query.Sort}' is not order, name, province, class, time or an item id (a leading '-' sorts descending)"];
        }

        if (query.Format is not (null or "json" or "csv" or "xlsx"))
        {
            errors["format"] = [$"'{(query.Format.Length > 32 ? query.Format[..32] + "…" : query.Format)}' is not json, csv or xlsx"];
        }

        if (query.Lang is not (null or "zh" or "en"))
        {
            errors["lang"] = [$"'{query.Lang}' is not zh or en"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        DataTableDto table = await BuildAsync(basin, provinces, classes, parameters, query.Sort ?? "order", register, live, services, cancellationToken);
        SheetTable sheet = Sheet(table, query.Lang == "en" ? "en" : "zh");
        if (query.Format == "csv" || (query.Format is null && CsvNegotiation.PrefersCsv(context.Request.Headers.Accept)))
        {
            return TypedResults.File(CsvOf(sheet), CsvCells.ContentType, $"{basin.Id}-table.csv");
        }

        return query.Format == "xlsx" ? TypedResults.File(XlsxWriter.ToBytes([sheet]), Xlsx, $"{basin.Id}-table.xlsx") : TypedResults.Ok(table);
    }

    private static async Task<DataTableDto> BuildAsync(
        Basin basin, string[] provinces, HashSet<WaterClass> classes, string[] parameters, string sort, StationRegister register, LiveState live,
        IServiceProvider services, CancellationToken cancellationToken)
    {
        StationDto[] stations = await StationsApi.StatusesAsync(register.Basin.Stations, live, services, cancellationToken);
        var rows = new List<(Section Section, SectionAssessment Assessment, DataTableRowDto Row)>();
        foreach (Section section in basin.Sections.Where(s => provinces.Length == 0 || provinces.Contains(s.Jurisdiction)))
        {
            SectionAssessment assessment = live.CurrentAssessment(section);
            if (classes.Count > 0 && (assessment.Class is not WaterClass c || !classes.Contains(c)))
            {
                continue;
            }

            StationDto[] own = stations.Where(s => s.Section == section.Id).ToArray();
            StationCondition[] conditions = own.Select(s => StationConditions.Of(s.Online, s.Latest.Select(l => l.Flag))).ToArray();
            Jurisdiction? province = basin.Jurisdictions.FirstOrDefault(j => j.Id == section.Jurisdiction);
            rows.Add((section, assessment, new DataTableRowDto(section.Id, ApiMapping.Name(section.Name), basin.Id, section.Jurisdiction,
                province is null ? new NameDto(section.Jurisdiction, section.Jurisdiction) : ApiMapping.Name(province.Name), ApiMapping.Waterbody(section.Waterbody),
                WaterClassText.ToRoman(section.TargetClass), live.LatestTime(section)?.ToOffset(TimeSpan.FromHours(8)), ApiMapping.Class(assessment.Class),
                conditions.Length == 0 ? "none" : Worst(conditions).ToString().ToLowerInvariant(), own.Count(s => s.Online), own.Length,
                assessment.Items.Select(i => new DataTableValueDto(i.Item.Id, i.Value, ApiMapping.Class(i.Class))).ToArray())));
        }

        // Columns: the items asked for, else every item some shown section has a value of, in the standard's order.
        StandardItem[] available = Gb3838Table1.Items.Where(i => rows.Any(r => r.Assessment.Items.Any(x => x.Item == i && x.Value is not null))).ToArray();
        StandardItem[] items = parameters.Length > 0 ? Gb3838Table1.Items.Where(i => parameters.Contains(i.Id, StringComparer.OrdinalIgnoreCase)).ToArray() : available;
        DataTableRowDto[] sorted = Sort(rows, sort).Select(r => r.Row with
        {
            Values = items.Select(i => r.Row.Values.FirstOrDefault(v => v.Item == i.Id) ?? new DataTableValueDto(i.Id, null, null)).ToArray(),
        }).ToArray();
        return new DataTableDto(basin.Id, items.Select(i => new DataTableItemDto(i.Id, new NameDto(i.ChineseName, i.EnglishName), UnitText.Symbol(i.Unit),
            StatisticalRounding.HourlyPlaces(i))).ToArray(), sorted) { Available = available.Select(i => i.Id).ToArray() };
    }

    // The gravest condition among a section's stations: one station stopped is what an operator must see.
    private static StationCondition Worst(IEnumerable<StationCondition> conditions) => conditions.Max();

    // Sections without the sorted-on value go last either way.
    private static IEnumerable<(Section Section, SectionAssessment Assessment, DataTableRowDto Row)> Sort(
        List<(Section Section, SectionAssessment Assessment, DataTableRowDto Row)> rows, string sort)
    {
        bool descending = sort.StartsWith('-');
        string key = sort.TrimStart('-');
        Func<(Section Section, SectionAssessment Assessment, DataTableRowDto Row), IComparable?> by = key switch
        {
            "order" => r => r.Section.Order,
            "name" => r => r.Row.Name.Zh,
            "province" => r => r.Row.Province,
            "class" => r => r.Assessment.Class,
            "time" => r => r.Row.Time,
            _ => r => r.Assessment.Items.FirstOrDefault(i => string.Equals(i.Item.Id, key, StringComparison.OrdinalIgnoreCase))?.Value,
        };
        IOrderedEnumerable<(Section Section, SectionAssessment Assessment, DataTableRowDto Row)> present = rows.OrderBy(r => by(r) is null ? 1 : 0);
        present = descending ? present.ThenByDescending(by) : present.ThenBy(by);
        return present.ThenBy(r => r.Section.Order);
    }

    // The Excel file of the table: the same rows and columns, values as numbers with their decimals.
    private static SheetTable Sheet(DataTableDto table, string lang)
    {
        bool en = lang == "en";
        string[] headers =
        [
            en ? "Section" : "断面名称", en ? "Province" : "省份", en ? "Time" : "监测时间", en ? "Class" : "水质类别", en ? "Target" : "目标类别",
            en ? "Station status" : "站点情况", .. table.Items.Select(i => $"{(en ? i.Name.En : i.Name.Zh)} ({i.Unit})"),
        ];
        return new SheetTable(en ? "Data table" : "数据表", headers, table.Rows.Select(r => (IReadOnlyList<ReportCell>)
        [
            en ? r.Name.En : r.Name.Zh, en ? r.ProvinceName.En : r.ProvinceName.Zh,
            r.Time?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "—", r.Class ?? "—", r.TargetClass,
            StatusText(r, en),
            .. r.Values.Zip(table.Items, (v, i) => v.Value is decimal value ? ReportCell.Measured(Text(value, i.Decimals)) : new ReportCell("—")),
        ]))
        { PageText = (en ? "Data table" : "数据表", table.Basin) };
    }

    // The same headers and cells as the Excel sheet: UTF-8 with BOM, measured values as plain numbers with their decimals.
    private static byte[] CsvOf(SheetTable sheet)
    {
        var text = new StringWriter(new System.Text.StringBuilder(), CultureInfo.InvariantCulture);
        CsvCells.WriteRow(text, sheet.Headers.Select(CsvCell.Of));
        foreach (IReadOnlyList<ReportCell> row in sheet.Rows)
        {
            CsvCells.WriteRow(text, row.Select(c => c.Number is null ? CsvCell.Of(c.Text) : CsvCell.Number(c.CsvText)));
        }

        return [.. CsvCells.Encoding.GetPreamble(), .. CsvCells.Encoding.GetBytes(text.ToString())];
    }

    private static string Text(decimal value, int? decimals) =>
        decimals is int d ? Math.Round(value, d, MidpointRounding.ToEven).ToString("F" + d.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : value.ToString(CultureInfo.InvariantCulture);

    private static string StatusText(DataTableRowDto r, bool en)
    {
        string word = r.Status switch
        {
            "normal" => en ? "normal" : "正常",
            "maintenance" => en ? "maintenance" : "维护",
            "calibration" => en ? "calibration" : "校准",
            "fault" => en ? "fault" : "故障",
            "stopped" => en ? "stopped" : "停运",
            "offline" => en ? "offline" : "离线",
            _ => en ? "no station" : "无站点",
        };
        return r.Stations == 0 ? word : string.Create(CultureInfo.InvariantCulture, $"{word} ({r.StationsOnline}/{r.Stations})");
    }

    private static string[] List(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
