using System.Text;

namespace Qingshui.Server.Api.Csv;

/// <summary>
/// Writes CSV as RFC 4180 has it (comma-separated, CRLF line ends, a cell quoted when it holds a comma, a quote or a line
/// break, quotes doubled) in UTF-8 with a byte order mark, so that Excel on Chinese Windows reads the Chinese text as such.
/// </summary>
/// <remarks>
/// A text cell that starts with <c>= + - @</c>, a tab or a carriage return would be read by a spreadsheet as a formula
/// (OWASP "CSV injection"): station text and names are untrusted, so such a cell is written with a leading apostrophe.
/// Numbers are written as numbers; a negative number is not text and is left alone.
/// </remarks>
internal static class CsvCells
{
    public const string ContentType = "text/csv; charset=utf-8; header=present";

    /// <summary>UTF-8 with its byte order mark, written once at the start of a CSV body.</summary>
    public static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>Writes one row: each cell either text (neutralised, quoted as needed) or a number already in invariant form.</summary>
    public static void WriteRow(TextWriter writer, IEnumerable<CsvCell> cells)
    {
        bool first = true;
        foreach (CsvCell cell in cells)
        {
            if (!first)
            {
                writer.Write(',');
            }

            first = false;
            WriteCell(writer, cell);
        }

        writer.Write("\r\n");
    }

    public static void WriteCell(TextWriter writer, CsvCell cell)
    {
        string text = cell.IsNumber ? cell.Text : Neutralise(cell.Text);
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(text);
            return;
        }

        writer.Write('"');
        writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    /// <summary>The text a spreadsheet will not take for a formula.</summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}

/// <summary>One CSV cell: text, or a number written as it is.</summary>
internal readonly record struct CsvCell(string Text, bool IsNumber)
{
    public static CsvCell Of(string? text) => new(text ?? "", false);

    public static CsvCell Number(string invariant) => new(invariant, true);

    public static implicit operator CsvCell(string? text) => Of(text);
}
