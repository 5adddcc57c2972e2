using System.Globalization;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Quality;

namespace Qingshui.Domain.Import;

/// <summary>
/// Reads sample files for assessment: the national real-time release's export as published (Chinese headers, <c>*</c>
/// and <c>--</c> for no value, repeated rows, times without a year) and Qingshui's own layout. Every bad value is
/// reported with its line and column and only that value is lost.
/// </summary>
public static class SampleTableReader
{
    private enum Role
    {
        Ignored,
        Province,
        Section,
        Time,
        Class,
        Status,
        Value,
    }

    private sealed record Column(int Index, string Header, Role Role, Parameter? Parameter = null);

    // Times written without a year: the national release's MM-DD HH:MM, and the same with seconds or without a time. They
    // are parsed in a leap year (2000, put before them) so that 29 February is read, then placed in the year asked for.
    private static readonly string[] WithoutYear = [.. new[] { "MM-dd HH:mm", "MM-dd HH:mm:ss", "MM-dd", "M-d H:mm", "MM/dd HH:mm", "M/d H:mm" }.Select(f => "yyyy " + f)];

    // Qingshui's layout names its columns in English; spreadsheets also write them capitalised or in Chinese.
    private static readonly Dictionary<string, Role> OwnLayoutRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["province"] = Role.Province, ["省份"] = Role.Province, ["省"] = Role.Province,
        ["section"] = Role.Section, ["site"] = Role.Section, ["断面"] = Role.Section, ["断面名称"] = Role.Section, ["点位"] = Role.Section, ["点位名称"] = Role.Section,
        ["time"] = Role.Time, ["datetime"] = Role.Time, ["date"] = Role.Time, ["时间"] = Role.Time, ["日期"] = Role.Time, ["监测时间"] = Role.Time, ["采样时间"] = Role.Time,
        ["class"] = Role.Class, ["水质类别"] = Role.Class, ["类别"] = Role.Class,
        ["status"] = Role.Status, ["站点情况"] = Role.Status, ["站点状态"] = Role.Status,
    };

    // How many times of the file took the year asked for.
    private sealed class TimeCounts
    {
        public int WithoutYear { get; set; }
    }

    /// <summary>Reads the lines of a file (the first is the header).</summary>
    public static SampleTable Read(IEnumerable<string> lines, SampleTableOptions options)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<InputError>();
        var warnings = new List<InputError>();
        var rows = new List<SampleRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int duplicates = 0;
        using IEnumerator<string> line = lines.GetEnumerator();
        if (!line.MoveNext())
        {
            errors.Add(new InputError(1, 0, null, "empty file: expected a header line"));
            return new SampleTable(SampleLayout.Qingshui, rows, errors, warnings, 0);
        }

        (SampleLayout layout, Column[] columns) = ReadHeader(CsvFields.Split(line.Current.TrimStart('\uFEFF')), warnings, errors);
        if (errors.Count > 0)
        {
            // Without a section or time column no row can be placed; with a column twice no value can be trusted.
            return new SampleTable(layout, rows, errors, warnings, 0);
        }

        var counts = new TimeCounts();
        int number = 1;
        while (line.MoveNext())
        {
            number++;
            string text = line.Current.TrimEnd('\r');
            if (text.Length == 0)
            {
                continue;
            }

            if (!seen.Add(text))
            {
                duplicates++;
                continue;
            }

            if (ReadRow(number, CsvFields.Split(text), columns, options, counts, errors) is SampleRow row)
            {
                rows.Add(row);
            }
        }

        if (duplicates > 0)
        {
            warnings.Add(new InputError(0, 0, null, $"{duplicates} rows repeated an earlier row exactly and were dropped"));
        }

        return new SampleTable(layout, rows, errors, warnings, duplicates) { TimesWithoutYear = counts.WithoutYear };
    }

    private static (SampleLayout, Column[]) ReadHeader(string[] headers, List<InputError> warnings, List<InputError> errors)
    {
        bool national = headers.Contains("断面名称") && headers.Contains("监测时间");
        var columns = new Column[headers.Length];
        for (int i = 0; i < headers.Length; i++)
        {
            string header = headers[i].Trim();
            Role role = national
                ? header switch
                {
                    "省份" => Role.Province,
                    "断面名称" => Role.Section,
                    "监测时间" => Role.Time,
                    "水质类别" => Role.Class,
                    "站点情况" => Role.Status,
                    "流域" => Role.Ignored,
                    _ => Role.Value,
                }
                : OwnLayoutRoles.GetValueOrDefault(header, Role.Value);
            Parameter? parameter = role == Role.Value ? SampleColumnNames.Find(header) : null;
            if (role == Role.Value && parameter is null)
            {
                warnings.Add(new InputError(1, i + 1, header, "unknown column: not a parameter code, name or national-release header; ignored"));
                role = Role.Ignored;
            }

            columns[i] = new Column(i, header, role, parameter);
        }

        RefuseDuplicates(columns, errors);
        if (!columns.Any(c => c.Role == Role.Value))
        {
            // A file whose values cannot be read would otherwise pass as 'insufficient data' on every row.
            errors.Add(new InputError(1, 0, null, "no parameter column recognised; the header has "
                + string.Join(", ", headers.Select(h => $"'{h.Trim()}'")) + ". Accepted: " + SampleColumnNames.Accepted));
        }

        foreach (Role required in new[] { Role.Section, Role.Time })
        {
            if (!columns.Any(c => c.Role == required))
            {
                errors.Add(new InputError(1, 0, null, national
                    ? $"missing column {(required == Role.Section ? "断面名称" : "监测时间")}"
                    : $"missing column '{required.ToString().ToLowerInvariant()}' (the layout is section,time,<parameter columns>; "
                        + $"also accepted: {string.Join(", ", OwnLayoutRoles.Where(r => r.Value == required).Select(r => r.Key))})"));
            }
        }

        return (national ? SampleLayout.NationalRelease : SampleLayout.Qingshui, columns);
    }

    // Two columns for one thing (NH3N and 氨氮, or time twice) leave it open which value counts: the file is refused
    // rather than letting the last one silently win.
    private static void RefuseDuplicates(Column[] columns, List<InputError> errors)
    {
        var first = new Dictionary<string, Column>(StringComparer.Ordinal);
        foreach (Column column in columns.Where(c => c.Role != Role.Ignored))
        {
            string key = column.Role == Role.Value ? "parameter " + column.Parameter!.Code : column.Role.ToString();
            if (!first.TryAdd(key, column))
            {
                Column earlier = first[key];
                string what = column.Role == Role.Value ? column.Parameter!.Abbreviation : column.Role.ToString().ToLowerInvariant();
                errors.Add(new InputError(1, column.Index + 1, column.Header, string.Create(CultureInfo.InvariantCulture,
                    $"duplicate column: {what} is already column {earlier.Index + 1} ('{earlier.Header}'); remove one")));
            }
        }
    }

    private static SampleRow? ReadRow(int number, string[] fields, Column[] columns, SampleTableOptions options, TimeCounts counts, List<InputError> errors)
    {
        if (fields.Length != columns.Length)
        {
            errors.Add(new InputError(number, 0, null, $"{fields.Length} fields where the header has {columns.Length}; row skipped"));
            return null;
        }

        string? province = null, section = null, timeText = "", status = null;
        DateTimeOffset? time = null;
        WaterClass? published = null;
        var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var belowLimit = new HashSet<string>(StringComparer.Ordinal);
        var notMonitored = new HashSet<string>(StringComparer.Ordinal);
        foreach (Column column in columns)
        {
            string field = fields[column.Index].Trim();
            switch (column.Role)
            {
                case Role.Province: province = field.Length > 0 ? field : null; break;
                case Role.Section: section = field; break;
                case Role.Status: status = field.Length > 0 ? field : null; break;
                case Role.Class: published = WaterClassText.TryParse(field, out WaterClass c) ? c : null; break;
                case Role.Time:
                    timeText = field;
                    time = ReadTime(number, column, field, options, counts, errors);
                    break;
                case Role.Value:
                    ReadValue(number, column, field, new Cell(values, belowLimit, notMonitored, options), errors);
                    break;
            }
        }

        if (string.IsNullOrEmpty(section))
        {
            errors.Add(new InputError(number, columns.First(c => c.Role == Role.Section).Index + 1, columns.First(c => c.Role == Role.Section).Header, "empty section name; row skipped"));
            return null;
        }

        return new SampleRow(number, province, section, time, timeText, values, published, status) { BelowLimit = belowLimit, NotMonitored = notMonitored };
    }

    private static DateTimeOffset? ReadTime(int number, Column column, string field, SampleTableOptions options, TimeCounts counts, List<InputError> errors)
    {
        if (field is "" or "*" or "-" or "--")
        {
            return null;
        }

        // A time without a year (the national release's MM-DD HH:MM, or a spreadsheet's) takes the year asked for, in any
        // layout: parsed as a whole date it would silently take the year of the machine's clock.
        if (DateTime.TryParseExact("2000 " + field, WithoutYear, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime noYear))
        {
            if (noYear.Month == 2 && noYear.Day == 29 && !DateTime.IsLeapYear(options.Year))
            {
                errors.Add(new InputError(number, column.Index + 1, column.Header, string.Create(CultureInfo.InvariantCulture,
                    $"'{field}' is 29 February, which {options.Year} does not have (set --year)")));
                return null;
            }

            counts.WithoutYear++;
            return new DateTimeOffset(options.Year, noYear.Month, noYear.Day, noYear.Hour, noYear.Minute, noYear.Second, options.DefaultOffset);
        }

        bool hasOffset = field.EndsWith('Z') || (field.Length > 10 && field.AsSpan(10).IndexOfAny('+', '-') >= 0);
        if (hasOffset && DateTimeOffset.TryParse(field, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset withOffset))
        {
            return withOffset;
        }

        if (!hasOffset && DateTime.TryParse(field, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), options.DefaultOffset);
        }

        errors.Add(new InputError(number, column.Index + 1, column.Header, $"'{field}' is not a time (ISO 8601, or MM-DD HH:MM with --year)"));
        return null;
    }

    private static void ReadValue(int number, Column column, string field, Cell cell, List<InputError> errors)
    {
        Parameter parameter = column.Parameter!;
        StandardItem? item = StandardItems.ForParameter(parameter.Code);
        MeasuredText cellText = MeasuredText.Parse(field);
        switch (cellText.Kind)
        {
            // The national release writes -- for no value and * for not measured.
            case MeasuredTextKind.NoValue:
                return;
            case MeasuredTextKind.NotMeasured:
                if (item is not null)
                {
                    cell.NotMonitored.Add(item.Id);
                }

                return;

            // Below the detection limit: "0.025L" carries the limit, "ND" takes it from the options (in the item's unit).
            case MeasuredTextKind.NotDetected:
                if (item is null || !cell.Options.DetectionLimits.TryGetValue(item.Id, out decimal limit))
                {
                    errors.Add(new InputError(number, column.Index + 1, column.Header,
                        $"'{field}' (below the detection limit) without a known limit for {parameter.Abbreviation}: write it with its limit, like 0.025L"));
                    return;
                }

                cell.Values[item.Id] = limit;
                cell.BelowLimit.Add(item.Id);
                return;
            case MeasuredTextKind.Invalid:
                errors.Add(new InputError(number, column.Index + 1, column.Header, $"'{field}' is not a number (nor a detection limit like 0.025L or ND)"));
                return;
        }

        bool below = cellText.Kind == MeasuredTextKind.BelowLimit;
        decimal value = cellText.Value;
        if (!PhysicalRange.IsPossible(parameter, value) || (below && value <= 0))
        {
            errors.Add(new InputError(number, column.Index + 1, column.Header, $"impossible value {field} for {parameter.Abbreviation}; not used"));
            return;
        }

        if (item is not null && UnitConversion.TryConvert(value, parameter.DefaultUnit, item.Unit, out decimal converted))
        {
            cell.Values[item.Id] = converted;
            if (below)
            {
                cell.BelowLimit.Add(item.Id);
            }
        }
    }

    // Where a row's values go.
    private sealed record Cell(Dictionary<string, decimal> Values, HashSet<string> BelowLimit, HashSet<string> NotMonitored, SampleTableOptions Options);
}
