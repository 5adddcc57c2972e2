using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Qingshui.Reporting;

/// <summary>
/// Writes worksheets to an .xlsx a finance office can file: a bold header row frozen at the top and repeated on every
/// printed page, numbers as numeric cells with their number format (so columns sum), text as text (never a formula),
/// columns sized to their content, A4 fitted to the page width, and a page header and footer with page numbers. Rows
/// are streamed to the file, so a long table is never held whole in memory.
/// </summary>
public static class XlsxWriter
{
    private const uint HeaderStyle = 1, TextStyle = 2, FirstNumberStyle = 3;

    /// <summary>Writes the sheets, in order, to a stream (which must be seekable: the package is a zip).</summary>
    public static void Write(Stream stream, IEnumerable<SheetTable> sheets)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sheets);
        using SpreadsheetDocument document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        WorkbookPart workbookPart = document.AddWorkbookPart();
        var formats = new List<string>();
        var sheetList = new Sheets();
        var names = new DefinedNames();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        uint index = 0;
        foreach (SheetTable sheet in sheets)
        {
            WorksheetPart part = workbookPart.AddNewPart<WorksheetPart>();
            WriteSheet(part, sheet, formats);
            string name = UniqueName(sheet.Name, used);
            sheetList.Append(new Sheet { Name = name, SheetId = index + 1, Id = workbookPart.GetIdOfPart(part) });
            names.Append(new DefinedName($"'{name.Replace("'", "''", StringComparison.Ordinal)}'!$1:$1") { Name = "_xlnm.Print_Titles", LocalSheetId = index });
            index++;
        }

        WorkbookStylesPart styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Styles(formats);
        workbookPart.Workbook = new Workbook(sheetList, names);
    }

    /// <summary>The sheets as the bytes of an .xlsx file.</summary>
    public static byte[] ToBytes(IEnumerable<SheetTable> sheets)
    {
        using var stream = new MemoryStream();
        Write(stream, sheets);
        return stream.ToArray();
    }

    private static void WriteSheet(WorksheetPart part, SheetTable sheet, List<string> formats)
    {
        // The first rows size the columns; the rest stream past.
        using IEnumerator<IReadOnlyList<ReportCell>> rows = sheet.Rows.GetEnumerator();
        var head = new List<IReadOnlyList<ReportCell>>();
        while (head.Count < 200 && rows.MoveNext())
        {
            head.Add(rows.Current);
        }

        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }));
        writer.WriteElement(Columns(sheet.Headers, head));
        writer.WriteStartElement(new SheetData());
        WriteRow(writer, 1, sheet.Headers.Select(h => new ReportCell(h)).ToArray(), formats, header: true);
        uint number = 2;
        foreach (IReadOnlyList<ReportCell> row in head)
        {
            WriteRow(writer, number++, row, formats, header: false);
        }

        while (rows.MoveNext())
        {
            WriteRow(writer, number++, rows.Current, formats, header: false);
        }

        writer.WriteEndElement();
        if (sheet.Headers.Count > 0)
        {
            writer.WriteElement(new AutoFilter { Reference = $"A1:{Column(sheet.Headers.Count - 1)}{Math.Max(1, number - 1)}" });
        }

        writer.WriteElement(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
        writer.WriteElement(new PageSetup
        {
            PaperSize = 9, // A4
            Orientation = sheet.Landscape ? OrientationValues.Landscape : OrientationValues.Portrait,
            FitToWidth = 1,
            FitToHeight = 0,
        });
        writer.WriteElement(new HeaderFooter(
            new OddHeader("&C" + PageText(sheet.PageText.Top)),
            new OddFooter("&L" + PageText(sheet.PageText.Foot) + "&R&P / &N")));
        writer.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter writer, uint number, IReadOnlyList<ReportCell> cells, List<string> formats, bool header)
    {
        writer.WriteStartElement(new Row { RowIndex = number });
        for (int i = 0; i < cells.Count; i++)
        {
            ReportCell cell = cells[i];
            string reference = Column(i) + number.ToString(CultureInfo.InvariantCulture);
            if (!header && cell.Number is decimal value)
            {
                string format = cell.Format ?? "General";
                int at = formats.IndexOf(format);
                if (at < 0)
                {
                    formats.Add(format);
                    at = formats.Count - 1;
                }

                writer.WriteElement(new Cell(new CellValue(value.ToString(CultureInfo.InvariantCulture)))
                {
                    CellReference = reference, DataType = CellValues.Number, StyleIndex = FirstNumberStyle + (uint)at,
                });
            }
            else
            {
                // An inline string is text whatever it starts with: a spreadsheet never evaluates it as a formula.
                writer.WriteElement(new Cell(new InlineString(new Text(Clean(cell.Text)) { Space = SpaceProcessingModeValues.Preserve }))
                {
                    CellReference = reference, DataType = CellValues.InlineString, StyleIndex = header ? HeaderStyle : TextStyle,
                });
            }
        }

        writer.WriteEndElement();
    }

    private static Columns Columns(IReadOnlyList<string> headers, List<IReadOnlyList<ReportCell>> rows)
    {
        var columns = new Columns();
        for (int i = 0; i < headers.Count; i++)
        {
            int widest = rows.Select(r => i < r.Count ? Width(r[i].Text) : 0).Append(Width(headers[i])).Max();
            double width = Math.Clamp(widest + 2, 8, 60);
            columns.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = width, CustomWidth = true });
        }

        return columns;
    }

    // Wide (CJK) characters take two columns of width.
    private static int Width(string text) => text.Sum(c => c > 0x2E80 ? 2 : 1);

    private static Stylesheet Styles(List<string> formats)
    {
        var numberFormats = new NumberingFormats();
        var cellFormats = new CellFormats(
            new CellFormat(),
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center })
            {
                FontId = 1, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true,
            },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { BorderId = 1, ApplyBorder = true, ApplyAlignment = true });
        for (int i = 0; i < formats.Count; i++)
        {
            uint id = 164 + (uint)i;
            numberFormats.Append(new NumberingFormat { NumberFormatId = id, FormatCode = formats[i] });
            cellFormats.Append(new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top })
            {
                NumberFormatId = id, BorderId = 1, ApplyNumberFormat = true, ApplyBorder = true, ApplyAlignment = true,
            });
        }

        numberFormats.Count = (uint)formats.Count;
        var thin = new BorderPropertiesType[] { new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder() };
        foreach (BorderPropertiesType side in thin)
        {
            side.Style = BorderStyleValues.Thin;
            side.Append(new Color { Indexed = 64 });
        }

        return new Stylesheet(
            numberFormats,
            new Fonts(new Font(new FontSize { Val = 11 }), new Font(new Bold(), new FontSize { Val = 11 })),
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE7E6E6" }) { PatternType = PatternValues.Solid })),
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
                new Border(thin[0], thin[1], thin[2], thin[3], new DiagonalBorder())),
            cellFormats);
    }

    // A1-style column letters.
    private static string Column(int index)
    {
        string name = "";
        for (int n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private static string UniqueName(string title, HashSet<string> used)
    {
        string name = new string(title.Where(c => !"[]:*?/\\".Contains(c)).Take(31).ToArray()).Trim('\'');
        name = name.Length == 0 ? "Sheet" : name;
        string candidate = name;
        for (int n = 2; !used.Add(candidate); n++)
        {
            string suffix = " " + n.ToString(CultureInfo.InvariantCulture);
            candidate = name[..Math.Min(name.Length, 31 - suffix.Length)] + suffix;
        }

        return candidate;
    }

    // Header/footer codes start with &: a literal & is doubled.
    private static string PageText(string text) => Clean(text).Replace("&", "&&", StringComparison.Ordinal);

    // XML cannot carry most control characters: they are dropped (tabs and line breaks stay).
    private static string Clean(string text) => text.Any(c => c < 0x20 && c is not ('\t' or '\n' or '\r'))
        ? new string(text.Where(c => c >= 0x20 || c is '\t' or '\n' or '\r').ToArray())
        : text;
}
