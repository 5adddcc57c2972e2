using System.Globalization;

namespace Qingshui.Reporting;

/// <summary>
/// One cell of a report table: its text as every text format prints it and, for an amount or a measured value, the
/// number a spreadsheet stores (a numeric cell with <see cref="Format"/>, so a column can be summed).
/// </summary>
/// <param name="Text">The text (Markdown, HTML, CSV when not numeric).</param>
/// <param name="Number">The number behind the text, when the cell is one.</param>
/// <param name="Format">The spreadsheet number format (<c>#,##0.00</c>), when the cell is a number.</param>
public readonly record struct ReportCell(string Text, decimal? Number = null, string? Format = null)
{
    /// <summary>Yuan with two decimals and thousands separators: the amount format of every statement.</summary>
    public const string YuanFormat = "#,##0.00";

    /// <summary>A text cell.</summary>
    public static implicit operator ReportCell(string text) => new(text);

    /// <summary>An amount in yuan.</summary>
    public static ReportCell Yuan(decimal yuan) => new(yuan.ToString(YuanFormat, CultureInfo.InvariantCulture), yuan, YuanFormat);

    /// <summary>A measured value written with its own decimals (the text), stored as a number with as many.</summary>
    public static ReportCell Measured(string text)
    {
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal value))
        {
            return new ReportCell(text);
        }

        int dot = text.IndexOf('.', StringComparison.Ordinal);
        string format = dot < 0 ? "0" : "0." + new string('0', text.Length - dot - 1);
        return new ReportCell(text, value, format);
    }

    /// <summary>The text a CSV file holds: a number plainly (no separators, so it reads back as a number), else the text.</summary>
    public string CsvText => Number is decimal n && Format == YuanFormat ? n.ToString("0.00", CultureInfo.InvariantCulture) : Text;
}
