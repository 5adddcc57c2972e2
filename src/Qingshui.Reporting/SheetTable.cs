namespace Qingshui.Reporting;

/// <summary>A worksheet: a name, the column headers and the rows (read once, in order, as they are written).</summary>
/// <param name="Name">The sheet's name (cut to Excel's 31 characters without <c>[]:*?/\</c>).</param>
/// <param name="Headers">The column headers (the first row, repeated on every printed page).</param>
/// <param name="Rows">The rows, each as many cells as headers (or fewer).</param>
public sealed record SheetTable(string Name, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<ReportCell>> Rows)
{
    /// <summary>The text printed at the top of every page (a title), and at the foot with the page number (a hash).</summary>
    public (string Top, string Foot) PageText { get; init; } = ("", "");

    /// <summary>Print landscape (wide tables).</summary>
    public bool Landscape { get; init; } = true;
}
