namespace Qingshui.Reporting.Joint;

/// <summary>
/// One part of the yearly joint work report (meetings, decisions, patrols, findings, cases, discrepancies, incidents):
/// a heading in both languages and a table of plain cells, so each kind of joint record renders the same way in HTML and Excel.
/// </summary>
public sealed record JointReportSection(
    string Key,
    string HeadingChinese,
    string HeadingEnglish,
    IReadOnlyList<string> ColumnsChinese,
    IReadOnlyList<string> ColumnsEnglish,
    IReadOnlyList<IReadOnlyList<string>> Rows);
