using System.Globalization;
using Qingshui.Domain.Import;

namespace Qingshui.Domain.Review;

/// <summary>
/// Reads a reviewer's decisions from CSV: <c>station,parameter,from,to,action,value,reason[,note]</c>, one decision a line,
/// times ISO 8601 (the station's offset when none is given), an optional header line. Every bad line is reported with its
/// number and why; the caller applies nothing when any line is bad.
/// </summary>
public static class ReviewCsv
{
    /// <summary>Most lines a file may hold: a month of a parameter hour by hour is 744, and files are reviewers' work.</summary>
    public const int MaxLines = 10_000;

    private static readonly string[] Columns = ["station", "parameter", "from", "to", "action", "value", "reason", "note"];

    /// <summary>The decisions of the file, or the errors of its bad lines.</summary>
    /// <param name="lines">The file's lines.</param>
    /// <param name="settings">The reasons allowed.</param>
    /// <param name="offsetOf">A registered station's UTC offset, or null for a station not registered.</param>
    /// <param name="by">Who decides.</param>
    /// <param name="organisation">For which organisation.</param>
    /// <param name="at">When.</param>
    public static (IReadOnlyList<ReviewDecision> Decisions, IReadOnlyList<InputError> Errors) Read(
        IEnumerable<string> lines, ReviewSettings settings, Func<string, TimeSpan?> offsetOf, string by, string organisation, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(offsetOf);
        var decisions = new List<ReviewDecision>();
        var errors = new List<InputError>();
        int number = 0;
        foreach (string line in lines)
        {
            number++;
            if (number > MaxLines)
            {
                errors.Add(new InputError(number, 0, null, string.Create(CultureInfo.InvariantCulture, $"more than {MaxLines} lines: split the file")));
                break;
            }

            if (line.Trim().Length == 0 || (number == 1 && line.StartsWith("station,", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (ReadLine(number, CsvFields.Split(line), settings, offsetOf, by, organisation, at, errors) is ReviewDecision decision)
            {
                decisions.Add(decision);
            }
        }

        if (decisions.Count == 0 && errors.Count == 0)
        {
            errors.Add(new InputError(number, 0, null, "no decisions: the file holds no line after the header"));
        }

        return (decisions, errors);
    }

    private static ReviewDecision? ReadLine(
        int number, string[] fields, ReviewSettings settings, Func<string, TimeSpan?> offsetOf, string by, string organisation, DateTimeOffset at,
        List<InputError> errors)
    {
        if (fields.Length is < 7 or > 8)
        {
            errors.Add(new InputError(number, 0, null, string.Create(CultureInfo.InvariantCulture,
                $"{fields.Length} fields; expected 7 or 8: {string.Join(",", Columns)} (note optional)")));
            return null;
        }

        int before = errors.Count;
        void Error(int column, string message) => errors.Add(new InputError(number, column + 1, Columns[column], message));
        string station = fields[0].Trim(), parameter = fields[1].Trim();
        TimeSpan? offset = offsetOf(station);
        if (offset is null)
        {
            Error(0, $"'{Bounded(station)}' is not a registered station");
        }

        if (parameter.Length is 0 or > 16)
        {
            Error(1, $"'{Bounded(parameter)}' is not a parameter code");
        }

        DateTimeOffset from = Time(fields[2], offset ?? TimeSpan.Zero, () => Error(2, $"'{Bounded(fields[2])}' is not an ISO 8601 time"));
        DateTimeOffset to = Time(fields[3], offset ?? TimeSpan.Zero, () => Error(3, $"'{Bounded(fields[3])}' is not an ISO 8601 time"));
        if (!ReviewActions.TryParse(fields[4].Trim(), out ReviewAction action))
        {
            Error(4, $"'{Bounded(fields[4])}' is not confirm, invalidate or correct");
        }

        decimal? value = null;
        if (fields[5].Trim().Length > 0)
        {
            value = decimal.TryParse(fields[5].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal v) ? v : null;
            if (value is null)
            {
                Error(5, $"'{Bounded(fields[5])}' is not a number");
            }
        }

        string note = fields.Length == 8 ? fields[7].Trim() : "";
        if (errors.Count > before)
        {
            return null;
        }

        foreach (ReviewError e in ReviewRules.Check(settings, from, to, action, value, fields[6].Trim(), note))
        {
            Error(Array.IndexOf(Columns, e.Field), e.Message);
        }

        return errors.Count > before ? null
            : new ReviewDecision(station, parameter, from.ToOffset(offset!.Value), to.ToOffset(offset.Value), action, value, fields[6].Trim(), note, by,
                organisation, at.ToOffset(offset.Value));
    }

    private static DateTimeOffset Time(string text, TimeSpan offset, Action bad)
    {
        text = text.Trim();
        bool hasOffset = text.EndsWith('Z') || (text.Length > 10 && text.AsSpan(10).IndexOfAny('+', '-') >= 0);
        if (hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset time))
        {
            return time;
        }

        if (!hasOffset && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
        }

        bad();
        return default;
    }

    private static string Bounded(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
