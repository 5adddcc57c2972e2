using System.Globalization;
using System.Text.Json;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Import;

namespace Qingshui.Cli.Commands;

/// <summary>Writes <c>assess</c> results as an aligned table, JSON or CSV, and the comparison with published classes.</summary>
internal static class AssessmentOutput
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(TextWriter output, string format, IReadOnlyList<AssessmentRow> rows, bool withPublished, bool withStatus = false)
    {
        switch (format)
        {
            case "json":
                await output.WriteLineAsync(JsonSerializer.Serialize(rows.Select(ToJson), Json));
                break;
            case "csv":
                await output.WriteLineAsync("section,time,class,grade,deciding,main_pollutants,missing" + (withPublished ? ",published" : "") + (withStatus ? ",status" : ""));
                foreach (AssessmentRow row in rows)
                {
                    string[] cells = [row.Section, row.When, ClassText(row.Assessment.Class), GradeText(row), Deciding(row), Pollutants(row), Missing(row),
                        .. withPublished ? new[] { ClassText(row.Published) } : [], .. withStatus ? new[] { row.Status ?? "" } : []];
                    await output.WriteLineAsync(string.Join(",", cells.Select(CsvFields.Quote)));
                }

                break;
            default:
                await WriteTableAsync(output, rows, withPublished);
                break;
        }
    }

    public static async Task WriteComparisonAsync(TextWriter output, IReadOnlyList<AssessmentRow> rows)
    {
        AssessmentRow[] published = rows.Where(r => r.Published is not null).ToArray();
        string[] computedColumns = [.. Enum.GetValues<WaterClass>().Select(WaterClassText.ToRoman), "无"];
        await output.WriteLineAsync();
        await output.WriteLineAsync("confusion (rows: published class, columns: computed class)");
        await output.WriteLineAsync("published " + string.Join(" ", computedColumns.Select(c => c.PadLeft(6))));
        foreach (WaterClass publishedClass in Enum.GetValues<WaterClass>())
        {
            IEnumerable<string> counts = computedColumns.Select(column => published.Count(r => r.Published == publishedClass
                && ClassText(r.Assessment.Class, "无") == column).ToString(CultureInfo.InvariantCulture).PadLeft(6));
            await output.WriteLineAsync(WaterClassText.ToRoman(publishedClass).PadRight(9) + " " + string.Join(" ", counts));
        }

        int agreeing = published.Count(r => r.Assessment.Class == r.Published);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"agreement: {agreeing}/{published.Length}"));
    }

    private static async Task WriteTableAsync(TextWriter output, IReadOnlyList<AssessmentRow> rows, bool withPublished)
    {
        string[] headers = ["section", "time", "class", "grade", "deciding", "main pollutants", .. withPublished ? new[] { "published" } : []];
        List<string[]> cells = rows.Select(r => (string[])[r.Section, r.When, ClassText(r.Assessment.Class), GradeText(r), Deciding(r),
            r.Assessment.IsDetermined ? Pollutants(r) : r.OutOfService ? "station: " + r.Status : "missing: " + Missing(r), .. withPublished ? new[] { ClassText(r.Published) } : []]).ToList();
        int[] widths = headers.Select((h, i) => cells.Select(c => DisplayWidth(c[i])).Append(DisplayWidth(h)).Max()).ToArray();
        await output.WriteLineAsync(Line(headers, widths));
        foreach (string[] row in cells)
        {
            await output.WriteLineAsync(Line(row, widths));
        }
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => c + new string(' ', widths[i] - DisplayWidth(c)))).TrimEnd();

    // CJK characters take two columns in a terminal.
    private static int DisplayWidth(string text) => text.Sum(c => c >= 0x2E80 ? 2 : 1);

    private static object ToJson(AssessmentRow row) => new
    {
        section = row.Section,
        time = row.When,
        @class = row.Assessment.Class is WaterClass c ? WaterClassText.ToRoman(c) : null,
        grade = row.Assessment.Grade is QualityGrade g ? QualityGrades.Chinese(g) : null,
        deciding = row.Assessment.Deciding.Select(i => i.Id),
        mainPollutants = row.Assessment.MainPollutants.Select(p => new { item = p.Item.Id, name = p.Item.ChineseName, multiple = p.ExceedanceMultiple }),
        missing = row.Assessment.Missing.Select(i => i.Id),
        values = row.Assessment.Items.Where(i => i.Value is not null).ToDictionary(i => i.Item.Id, i => i.Value),
        published = row.Published is WaterClass p2 ? WaterClassText.ToRoman(p2) : null,
        status = row.Status,
    };

    private static string ClassText(WaterClass? value, string none = "—") => value is WaterClass c ? WaterClassText.ToRoman(c) : none;

    private static string GradeText(AssessmentRow row) =>
        row.Assessment.Grade is QualityGrade g ? QualityGrades.Chinese(g) : row.OutOfService ? row.Status! : "数据不足";

    private static string Deciding(AssessmentRow row) => string.Join(" ", row.Assessment.Deciding.Select(i => i.Id));

    private static string Pollutants(AssessmentRow row) => string.Join(" ", row.Assessment.MainPollutants.Select(p => p.ToChinese()));

    private static string Missing(AssessmentRow row) => string.Join(" ", row.Assessment.Missing.Select(i => i.Id));
}
