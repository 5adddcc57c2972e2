using System.Globalization;
using System.Net;
using System.Text;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Incidents;
using Qingshui.Domain.Network;

namespace Qingshui.Reporting;

/// <summary>
/// The report of an incident, in Markdown or HTML, Chinese or English: its header, the downstream estimates, the
/// timeline, the evidence (each alert with its values) and the actions with their station commands, as recorded.
/// Every recorded text (notes, reasons, station MNs) is untrusted: HTML-escaped in HTML, table-safe in Markdown.
/// </summary>
public static class IncidentReportRenderer
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>The report as Markdown.</summary>
    public static string Markdown(Incident incident, IReadOnlyList<Alert> evidence, Basin basin, Language language = Language.Chinese) =>
        Render(incident, evidence, basin, language, new MarkdownWriter());

    /// <summary>The report as a stand-alone HTML page.</summary>
    public static string Html(Incident incident, IReadOnlyList<Alert> evidence, Basin basin, Language language = Language.Chinese) =>
        Render(incident, evidence, basin, language, new HtmlWriter(language));

    private static string Render(Incident incident, IReadOnlyList<Alert> evidence, Basin basin, Language language, IWriter w)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(basin);
        string T(string id) => IncidentReportText.Get(id, language);
        string lang = language == Language.English ? "en" : "zh";
        string SectionName(string id) => basin.FindSection(id) is Section s ? $"{s.Name.In(lang)} ({id})" : id;
        string Jurisdiction(string id) => basin.Jurisdictions.FirstOrDefault(j => j.Id == id)?.Name.In(lang) ?? id;

        w.Heading(1, string.Create(CultureInfo.InvariantCulture, $"{T("title")} #{incident.Id}"));
        w.Table([T("section"), T("severity"), T("status"), T("opened"), T("jurisdictions"), T("stations")],
        [[
            SectionName(incident.Section), T(AlertKinds.Word(incident.Severity)),
            T(incident.Status == IncidentStatus.Raised ? "raised-status" : IncidentWords.Word(incident.Status)), Time(incident.OpenedAt),
            string.Join(", ", incident.Jurisdictions.Select(Jurisdiction)), string.Join(", ", incident.Stations),
        ]]);

        w.Heading(2, T("downstream"));
        w.Table([T("section"), T("distance"), T("travel"), T("arrival")], [.. incident.Downstream.Select(d => new[]
        {
            SectionName(d.Section), d.DistanceKm?.ToString("0.#", CultureInfo.InvariantCulture) ?? "—",
            d.Travel is TimeSpan t ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours} h {t.Minutes:00} min") : "—",
            d.ArrivalAt is DateTimeOffset at ? Time(at) : T("noEstimate") + d.NoEstimate,
        })], T("none"));

        w.Heading(2, T("timeline"));
        w.Table([T("time"), T("step"), T("who"), T("organisation"), T("note")], [.. incident.Steps.Select(s => new[]
        {
            Time(s.At), T(s.Kind == IncidentStepKind.Raised ? "raised-step" : IncidentWords.Word(s.Kind)),
            s.Actor == Domain.Audit.AuditActor.EngineName ? T("engine") : s.Actor, s.Organisation, s.Note,
        })], T("none"));

        w.Heading(2, T("evidence"));
        if (evidence.Count == 0)
        {
            w.Paragraph(T("none"));
        }

        foreach (Alert alert in evidence)
        {
            w.Heading(3, string.Create(CultureInfo.InvariantCulture, $"#{alert.Id} {alert.RuleId}: {alert.Reason}"));
            w.Table([T("rule"), T("station"), T("parameter"), T("raised"), T("cleared")],
                [[alert.RuleId, alert.Station, alert.Parameter ?? "—", Time(alert.RaisedAt), alert.ClearedAt is DateTimeOffset c ? Time(c) : T("open")]]);
            w.Table([T("time"), T("value"), T("valid")], [.. alert.Evidence.Select(v => new[]
            {
                Time(v.Time), v.Value.ToString(CultureInfo.InvariantCulture), T(v.Valid ? "yes" : "no"),
            })], T("none"));
        }

        w.Heading(2, T("actions"));
        w.Table([T("time"), T("kind"), T("who"), T("organisation"), T("note"), T("commands")], [.. incident.Actions.Select(a => new[]
        {
            Time(a.At), T(IncidentWords.Word(a.Kind)), a.Actor, a.Organisation, a.Note,
            string.Join("; ", a.Commands.Select(c => $"{T(c.Purpose)} {c.DeviceId}: {c.State}{(c.Detail is null ? "" : " (" + c.Detail + ")")}")),
        })], T("none"));
        return w.Finish(string.Create(CultureInfo.InvariantCulture, $"{T("title")} #{incident.Id}"));
    }

    private static string Time(DateTimeOffset time) => time.ToOffset(Beijing).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private interface IWriter
    {
        void Heading(int level, string text);

        void Paragraph(string text);

        void Table(string[] headers, string[][] rows, string? empty = null);

        string Finish(string title);
    }

    private sealed class MarkdownWriter : IWriter
    {
        private readonly StringBuilder _text = new();

        public void Heading(int level, string text) => _text.Append('#', level).Append(' ').Append(Inline(text)).Append("\n\n");

        public void Paragraph(string text) => _text.Append(Inline(text)).Append("\n\n");

        public void Table(string[] headers, string[][] rows, string? empty = null)
        {
            if (rows.Length == 0)
            {
                Paragraph(empty ?? "");
                return;
            }

            _text.Append("| ").AppendJoin(" | ", headers.Select(Cell)).Append(" |\n|").AppendJoin("|", headers.Select(_ => "---")).Append("|\n");
            foreach (string[] row in rows)
            {
                _text.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
            }

            _text.Append('\n');
        }

        public string Finish(string title) => _text.ToString();

        // A cell keeps to one line and its pipes are not column breaks; HTML in recorded text stays text.
        private static string Cell(string text) => Inline(text).Replace("|", "\\|", StringComparison.Ordinal);

        private static string Inline(string text) => text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }

    private sealed class HtmlWriter(Language language) : IWriter
    {
        private readonly StringBuilder _body = new();

        public void Heading(int level, string text) => _body.Append(CultureInfo.InvariantCulture, $"<h{level}>{E(text)}</h{level}>\n");

        public void Paragraph(string text) => _body.Append("<p>").Append(E(text)).Append("</p>\n");

        public void Table(string[] headers, string[][] rows, string? empty = null)
        {
            if (rows.Length == 0)
            {
                Paragraph(empty ?? "");
                return;
            }

            _body.Append("<table>\n<thead><tr>").AppendJoin("", headers.Select(h => $"<th>{E(h)}</th>")).Append("</tr></thead>\n<tbody>\n");
            foreach (string[] row in rows)
            {
                _body.Append("<tr>").AppendJoin("", row.Select(c => $"<td>{E(c)}</td>")).Append("</tr>\n");
            }

            _body.Append("</tbody>\n</table>\n");
        }

        public string Finish(string title) =>
            $"<!DOCTYPE html>\n<html lang=\"{(language == Language.English ? "en" : "zh-CN")}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{E(title)}</title>\n"
            + "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #999;padding:0.2em 0.5em;text-align:left}</style>\n"
            + $"</head>\n<body>\n{_body}</body>\n</html>\n";

        private static string E(string text) => WebUtility.HtmlEncode(text);
    }
}
