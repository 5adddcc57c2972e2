using System.Globalization;
using System.Net;
using System.Text;
using Qingshui.Domain.Compensation;

namespace Qingshui.Reporting;

/// <summary>
/// Exports a settlement statement as Markdown, printable HTML, CSV or Excel, in Chinese or English. Every export carries
/// the statement's content hash and its standing (final, or provisional with a draft watermark); the text formats are
/// byte-identical for the same statement. Every text is escaped for its format: names in agreement files are outside
/// input, so HTML is encoded, Markdown markup and HTML are escaped, and CSV/Excel text cells cannot start a formula.
/// </summary>
public static class StatementRenderer
{
    /// <summary>Markdown.</summary>
    public static string Markdown(Statement statement, Language language = Language.Chinese)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var text = new StringBuilder();
        if (statement.Provisional)
        {
            text.Append("> **").Append(MarkdownText(ReportText.Get("watermark", language))).Append("**\n\n");
        }

        text.Append("# ").Append(MarkdownText(statement.Agreement.Name.In(StatementTables.Code(language)))).Append('\n').Append('\n');
        foreach ((string label, string value) in StatementTables.Header(statement, language).Skip(1))
        {
            text.Append("- ").Append(MarkdownText(label)).Append(": ").Append(MarkdownText(value)).Append('\n');
        }

        if (statement.AgreementChanged)
        {
            text.Append("- ").Append(MarkdownText(ReportText.Get("agreementChanged", language))).Append('\n');
        }

        foreach (ReportTable table in StatementTables.Tables(statement, language))
        {
            text.Append('\n').Append("## ").Append(MarkdownText(table.Title)).Append('\n').Append('\n');
            text.Append("| ").Append(string.Join(" | ", table.Headers.Select(MarkdownText))).Append(" |\n");
            text.Append('|').Append(string.Concat(table.Headers.Select(_ => "---|"))).Append('\n');
            foreach (IReadOnlyList<ReportCell> row in table.Rows)
            {
                text.Append("| ").Append(string.Join(" | ", row.Select(c => MarkdownText(c.Text)))).Append(" |\n");
            }
        }

        return text.ToString();
    }

    /// <summary>A printable HTML page (no scripts, no external resources).</summary>
    public static string Html(Statement statement, Language language = Language.Chinese)
    {
        ArgumentNullException.ThrowIfNull(statement);
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(language == Language.English ? "en" : "zh-CN").Append("\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<title>").Append(E(statement.Agreement.Name.In(StatementTables.Code(language)))).Append(' ').Append(statement.Year).Append("</title>\n");
        html.Append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}")
            .Append("th,td{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eee}")
            .Append(".watermark{position:fixed;top:40%;left:0;right:0;text-align:center;font-size:5em;font-weight:bold;color:rgba(200,0,0,.18);")
            .Append("transform:rotate(-20deg);pointer-events:none;z-index:10}.draft{color:#b00;font-weight:bold}")
            .Append("td.n{text-align:right;white-space:nowrap}@media print{body{margin:0}}</style>\n</head>\n<body>\n");
        if (statement.Provisional)
        {
            html.Append("<div class=\"watermark\" aria-hidden=\"true\">").Append(E(ReportText.Get("watermark", language))).Append("</div>\n");
            html.Append("<p class=\"draft\">").Append(E(ReportText.Get("watermark", language))).Append("</p>\n");
        }

        if (statement.AgreementChanged)
        {
            html.Append("<p class=\"draft\">").Append(E(ReportText.Get("agreementChanged", language))).Append("</p>\n");
        }

        html.Append("<h1>").Append(E(statement.Agreement.Name.In(StatementTables.Code(language)))).Append("</h1>\n<dl>\n");
        foreach ((string label, string value) in StatementTables.Header(statement, language).Skip(1))
        {
            html.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");
        }

        html.Append("</dl>\n");
        foreach (ReportTable table in StatementTables.Tables(statement, language))
        {
            html.Append("<h2>").Append(E(table.Title)).Append("</h2>\n<table>\n<tr>");
            foreach (string header in table.Headers)
            {
                html.Append("<th>").Append(E(header)).Append("</th>");
            }

            html.Append("</tr>\n");
            foreach (IReadOnlyList<ReportCell> row in table.Rows)
            {
                html.Append("<tr>").Append(string.Concat(row.Select(c => (c.Number is null ? "<td>" : "<td class=\"n\">") + E(c.Text) + "</td>"))).Append("</tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>CSV: the header lines, then each table under its title, separated by blank lines.</summary>
    public static string Csv(Statement statement, Language language = Language.Chinese)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var csv = new StringBuilder();
        if (statement.Provisional)
        {
            csv.Append(Quote(ReportText.Get("watermark", language))).Append('\n');
        }

        foreach ((string label, string value) in StatementTables.Header(statement, language))
        {
            csv.Append(Quote(label)).Append(',').Append(Quote(value)).Append('\n');
        }

        foreach (ReportTable table in StatementTables.Tables(statement, language))
        {
            csv.Append('\n').Append(Quote(table.Title)).Append('\n');
            csv.Append(string.Join(",", table.Headers.Select(Quote))).Append('\n');
            foreach (IReadOnlyList<ReportCell> row in table.Rows)
            {
                csv.Append(string.Join(",", row.Select(c => Quote(c.CsvText)))).Append('\n');
            }
        }

        return csv.ToString();
    }

    /// <summary>
    /// CSV as bytes a spreadsheet opens right: UTF-8 with a byte order mark (without it Excel on Chinese Windows reads
    /// UTF-8 as GBK), or GB18030 (a superset of GBK, which Excel reads as the ANSI code page there) without one.
    /// </summary>
    public static byte[] CsvBytes(Statement statement, Language language = Language.Chinese, CsvEncoding encoding = CsvEncoding.Utf8WithBom)
    {
        string text = Csv(statement, language);
        if (encoding == CsvEncoding.Gbk)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(54936).GetBytes(text);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
    }

    /// <summary>
    /// An Excel workbook: a summary sheet with the header, then one sheet per table with real column headers, amounts
    /// as numeric cells formatted <c>#,##0.00</c>, and print setup (A4 landscape, fitted to the width, the header row
    /// on every page, the statement's name at the top and its hash at the foot of every page).
    /// </summary>
    public static byte[] Xlsx(Statement statement, Language language = Language.Chinese)
    {
        ArgumentNullException.ThrowIfNull(statement);
        IReadOnlyList<ReportTable> tables = StatementTables.Tables(statement, language);
        IEnumerable<(string Label, string Value)> header = StatementTables.Header(statement, language);
        if (statement.Provisional)
        {
            header = header.Prepend((ReportText.Get("watermark", language), ReportText.Get("watermark", language)));
        }

        string summary = (language == Language.English ? "Statement" : "结算单") + (statement.Provisional ? (language == Language.English ? " (DRAFT)" : "（草稿）") : "");
        string name = statement.Agreement.Name.In(StatementTables.Code(language)) + " " + statement.Year.ToString(CultureInfo.InvariantCulture)
            + (statement.Provisional ? " " + ReportText.Get("watermark", language) : "");
        (string, string) page = (name, ReportText.Get("hash", language) + " " + statement.ContentHash);
        var sheets = new List<SheetTable>
        {
            new(summary, [ReportText.Get("term", language), ReportText.Get("value", language)],
                header.Select(h => (IReadOnlyList<ReportCell>)[Cell(h.Label), Cell(h.Value)]).ToArray()) { PageText = page, Landscape = false },
        };
        sheets.AddRange(tables.Select(t => new SheetTable(t.Title, t.Headers.Select(Cell).ToArray(),
            t.Rows.Select(r => (IReadOnlyList<ReportCell>)r.Select(c => c.Number is null ? new ReportCell(Cell(c.Text)) : c).ToArray())) { PageText = page }));
        return XlsxWriter.ToBytes(sheets);
    }

    private static string Quote(string text)
    {
        string value = Cell(text);
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    // A text cell that a spreadsheet would read as a formula (=, +, -, @, or a tab/CR before one) gets a leading
    // apostrophe, the OWASP advice against CSV injection; numbers stay numbers.
    internal static string Cell(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _)
            ? "'" + value
            : value;

    // Markdown: markup characters are backslash-escaped and HTML is written as entities, so a name cannot become a
    // link, emphasis, a table cell boundary or a tag.
    internal static string MarkdownText(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            _ = c switch
            {
                '<' => text.Append("&lt;"),
                '>' => text.Append("&gt;"),
                '&' => text.Append("&amp;"),
                '\r' or '\n' => text.Append(' '),
                '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '~' or '!' => text.Append('\\').Append(c),
                _ => text.Append(c),
            };
        }

        return text.ToString();
    }
}
