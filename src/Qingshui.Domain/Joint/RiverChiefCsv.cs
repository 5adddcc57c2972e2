using System.Globalization;
using Qingshui.Domain.Import;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Joint;

/// <summary>
/// A roster of river chiefs read from CSV: a header naming the columns <c>reach, bank, side, level, name, organisation,
/// contact, term-from, term-to</c> (in any order; <c>contact</c> and <c>term-to</c> may be left out), then one chief a line.
/// </summary>
/// <remarks>
/// Every bad line is reported with its number and field; a caller applies the roster only when there are none, so a
/// file with one bad line changes nothing. Blank lines are skipped. At most <see cref="MaxLines"/> chiefs.
/// </remarks>
public static class RiverChiefCsv
{
    /// <summary>The most chiefs one file may carry.</summary>
    public const int MaxLines = 5000;

    private static readonly string[] Required = ["reach", "bank", "side", "level", "name", "organisation", "term-from"];
    private static readonly string[] Optional = ["contact", "term-to"];

    /// <summary>The chiefs of every line, or the errors of every bad line (line numbers from 1, the header being line 1).</summary>
    public static (IReadOnlyList<RiverChief> Chiefs, IReadOnlyList<RiverChiefLineError> Errors) Read(IReadOnlyList<string> lines, Basin basin)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(basin);
        if (lines.Count == 0 || string.IsNullOrWhiteSpace(lines[0]))
        {
            return ([], [new RiverChiefLineError(1, "header", "the file is empty: the first line must name the columns " + string.Join(",", Required.Concat(Optional)))]);
        }

        string[] header = [.. CsvFields.Split(lines[0].TrimStart('\uFEFF')).Select(h => h.Trim().ToLowerInvariant())];
        var errors = new List<RiverChiefLineError>();
        foreach (string missing in Required.Where(r => !header.Contains(r, StringComparer.Ordinal)))
        {
            errors.Add(new RiverChiefLineError(1, missing, "column missing from the header"));
        }

        foreach (string unknown in header.Where(h => !Required.Contains(h, StringComparer.Ordinal) && !Optional.Contains(h, StringComparer.Ordinal)))
        {
            errors.Add(new RiverChiefLineError(1, unknown, "is not a column of the roster (" + string.Join(",", Required.Concat(Optional)) + ")"));
        }

        if (errors.Count > 0)
        {
            return ([], errors);
        }

        var chiefs = new List<RiverChief>();
        for (int i = 1; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            if (chiefs.Count + errors.Count >= MaxLines)
            {
                errors.Add(new RiverChiefLineError(i + 1, "line", string.Create(CultureInfo.InvariantCulture, $"more than {MaxLines} chiefs in one file")));
                break;
            }

            string[] cells = CsvFields.Split(lines[i]);
            if (cells.Length != header.Length)
            {
                errors.Add(new RiverChiefLineError(i + 1, "line", string.Create(CultureInfo.InvariantCulture, $"has {cells.Length} fields; the header has {header.Length}")));
                continue;
            }

            string? Cell(string name) => Array.IndexOf(header, name) is int at and >= 0 ? cells[at] : null;
            (RiverChief? chief, IReadOnlyList<PatrolError> bad) = RiverChief.Create(new RiverChiefFields(
                Cell("reach"), Cell("bank"), Cell("side"), Cell("level"), Cell("name"), Cell("organisation"), Cell("contact"), Cell("term-from"), Cell("term-to")), basin);
            if (chief is null)
            {
                errors.AddRange(bad.Select(e => new RiverChiefLineError(i + 1, e.Field, e.Message)));
            }
            else
            {
                chiefs.Add(chief);
            }
        }

        return errors.Count > 0 ? ([], errors) : (chiefs, errors);
    }
}

/// <summary>What is wrong with one line of a river-chief CSV.</summary>
/// <param name="Line">The line number (the header is line 1).</param>
/// <param name="Field">The column, or <c>line</c> for the line as a whole.</param>
/// <param name="Message">Why.</param>
public sealed record RiverChiefLineError(int Line, string Field, string Message);
