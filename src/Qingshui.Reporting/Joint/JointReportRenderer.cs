using System.Globalization;
using System.Net;
using System.Text;

namespace Qingshui.Reporting.Joint;

/// <summary>
/// The yearly joint work report (年度联合工作报告): one part per <see cref="JointReportSection"/>, as a printable HTML page
/// (every cell escaped) or an Excel workbook with one sheet per section under its real column headers.
/// </summary>
public static class JointReportRenderer
{
    /// <summary>The report as one HTML page in <paramref name="language"/>.</summary>
    public static string Html(string basinName, int year, IReadOnlyList<JointReportSection> sections, Language language)
    {
        ArgumentNullException.ThrowIfNull(sections);
        bool english = language == Language.English;
        string title = english ? string.Create(CultureInfo.InvariantCulture, $"{basinName}: joint work report {year}")
            : string.Create(CultureInfo.InvariantCulture, $"{basinName} {year}年度联合工作报告");
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(english ? "en" : "zh-CN").Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(title)).Append("</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}")
            .Append("th,td{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eee}</style></head><body>\n")
            .Append("<h1>").Append(E(title)).Append("</h1>\n");
        foreach (JointReportSection section in sections)
        {
            IReadOnlyList<string> columns = english ? section.ColumnsEnglish : section.ColumnsChinese;
            html.Append("<section id=\"").Append(E(section.Key)).Append("\"><h2>").Append(E(english ? section.HeadingEnglish : section.HeadingChinese))
                .Append("</h2>\n");
            if (section.Rows.Count == 0)
            {
                html.Append("<p>").Append(english ? "None this year." : "本年度无。").Append("</p></section>\n");
                continue;
            }

            html.Append("<table><thead><tr>");
            foreach (string column in columns)
            {
                html.Append("<th>").Append(E(column)).Append("</th>");
            }

            html.Append("</tr></thead><tbody>\n");
            foreach (IReadOnlyList<string> row in section.Rows)
            {
                html.Append("<tr>");
                foreach (string cell in row)
                {
                    html.Append("<td>").Append(E(cell)).Append("</td>");
                }

                html.Append("</tr>\n");
            }

            html.Append("</tbody></table></section>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    /// <summary>The report as an Excel workbook: one sheet per section, headed by its columns in <paramref name="language"/>.</summary>
    public static byte[] Excel(IReadOnlyList<JointReportSection> sections, Language language)
    {
        ArgumentNullException.ThrowIfNull(sections);
        bool english = language == Language.English;
        return XlsxWriter.ToBytes(sections.Select(section =>
        {
            IReadOnlyList<string> columns = english ? section.ColumnsEnglish : section.ColumnsChinese;
            // An empty sheet still shows its headers, over one row that says there was nothing.
            IEnumerable<IReadOnlyList<ReportCell>> rows = section.Rows.Count == 0
                ? [[english ? "None this year." : "本年度无。"]]
                : section.Rows.Select(row => (IReadOnlyList<ReportCell>)[.. row.Select(text => (ReportCell)text)]);
            return new SheetTable(english ? section.HeadingEnglish : section.HeadingChinese, columns, rows)
            {
                PageText = (english ? section.HeadingEnglish : section.HeadingChinese, ""),
            };
        }));
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
