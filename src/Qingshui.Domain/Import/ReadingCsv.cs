using System.Globalization;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;

namespace Qingshui.Domain.Import;

/// <summary>
/// Readings from CSV in the layout the readings export writes (<c>/api/v1/exports/readings</c>, raw or hourly): a header
/// naming the columns <c>station</c>, <c>parameter</c>, <c>kind</c>, <c>time</c>, <c>value</c>, <c>unit</c> and
/// <c>valid</c> (any order; <c>flag</c> optional; <c>section</c> accepted and not read), then one reading per line.
/// Each field is bounded and checked; a bad field is named by line, column and why, and its line gives no reading.
/// <see cref="Fits"/> then checks a reading against the station register and the clock.
/// </summary>
public sealed class ReadingCsv
{
    /// <summary>Longest line read; a longer one is refused rather than split into fields.</summary>
    public const int MaxLineLength = 1024;

    /// <summary>Longest station MN (HJ 212-2017 gives 24 characters).</summary>
    public const int MaxStationLength = 24;

    /// <summary>Longest parameter code.</summary>
    public const int MaxParameterLength = 16;

    /// <summary>Longest HJ 212 data flag.</summary>
    public const int MaxFlagLength = 4;

    private static readonly string[] Required = ["station", "parameter", "kind", "time", "value", "unit", "valid"];
    private static readonly string[] Optional = ["flag", "section"];
    private static readonly string[] Kinds = ["realtime", "minute", "hour", "day", "fourhour"];
    private readonly int _station, _parameter, _kind, _time, _value, _unit, _flag, _valid, _width;
    private readonly string[] _header;

    private ReadingCsv(string[] header, Dictionary<string, int> columns)
    {
        _header = header;
        _width = header.Length;
        _station = columns["station"];
        _parameter = columns["parameter"];
        _kind = columns["kind"];
        _time = columns["time"];
        _value = columns["value"];
        _unit = columns["unit"];
        _valid = columns["valid"];
        _flag = columns.GetValueOrDefault("flag", -1);
    }

    /// <summary>Reads the header line (line 1, a byte order mark allowed); null with the errors when it cannot be used.</summary>
    public static ReadingCsv? FromHeader(string line, ICollection<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(errors);
        int before = errors.Count;
        if (line.Length > MaxLineLength)
        {
            errors.Add(new InputError(1, 0, null, $"the header line is longer than {MaxLineLength} characters"));
            return null;
        }

        string[] header = [.. CsvFields.Split(line.TrimStart('\uFEFF').TrimEnd('\r')).Select(h => h.Trim())];
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < header.Length; i++)
        {
            if (!Required.Contains(header[i], StringComparer.OrdinalIgnoreCase) && !Optional.Contains(header[i], StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new InputError(1, i + 1, header[i], $"unknown column '{header[i]}': the columns are {string.Join(", ", Required)} and optionally {string.Join(", ", Optional)}"));
            }
            else if (!columns.TryAdd(header[i], i))
            {
                errors.Add(new InputError(1, i + 1, header[i], $"column '{header[i]}' appears twice"));
            }
        }

        string[] missing = [.. Required.Where(r => !columns.ContainsKey(r))];
        if (missing.Length > 0)
        {
            errors.Add(new InputError(1, 0, null, $"the header must name the columns {string.Join(", ", Required)}; missing: {string.Join(", ", missing)}"));
        }

        return errors.Count > before ? null : new ReadingCsv(header, columns);
    }

    /// <summary>The reading on one line after the header, or null with its errors (an empty line is neither: null, no error).</summary>
    public Reading? Read(int lineNumber, string line, ICollection<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(errors);
        if (line.Length > MaxLineLength)
        {
            errors.Add(new InputError(lineNumber, 0, null, $"the line is longer than {MaxLineLength} characters"));
            return null;
        }

        line = line.TrimEnd('\r');
        if (line.Length == 0)
        {
            return null;
        }

        string[] fields = CsvFields.Split(line);
        if (fields.Length != _width)
        {
            errors.Add(new InputError(lineNumber, 0, null, $"{fields.Length} fields; the header has {_width}"));
            return null;
        }

        int before = errors.Count;
        string station = Code(lineNumber, fields, _station, MaxStationLength, errors);
        string parameter = Code(lineNumber, fields, _parameter, MaxParameterLength, errors);
        ReadingKind kind = Kind(lineNumber, fields, errors);
        DateTimeOffset time = Time(lineNumber, fields, errors);
        decimal value = Value(lineNumber, fields, errors);
        Unit unit = UnitOf(lineNumber, fields, errors);
        string? flag = _flag < 0 || fields[_flag].Trim().Length == 0 ? null : Code(lineNumber, fields, _flag, MaxFlagLength, errors);
        bool valid = Valid(lineNumber, fields, errors);
        return errors.Count > before ? null : new Reading(station, parameter, kind, time, value, unit, flag, valid);
    }

    /// <summary>
    /// Whether the reading read from line <paramref name="lineNumber"/> may be stored: its station is registered
    /// (<paramref name="station"/> is <c>null</c> when not), the station measures its parameter, its time begins a period
    /// of its kind on the station's clock (<see cref="ReadingPeriods"/>), and it is not after <paramref name="now"/>.
    /// Otherwise false, each failure named by line and column: a reading that passes its fields' checks would else become
    /// a series no station has, or a period of its own.
    /// </summary>
    public bool Fits(int lineNumber, Reading reading, Station? station, DateTimeOffset now, ICollection<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(errors);
        int before = errors.Count;
        if (station is null)
        {
            errors.Add(Error(lineNumber, _station, $"'{reading.StationId}' is not a station of the register"));
        }
        else
        {
            if (!station.Parameters.Contains(reading.Parameter, StringComparer.Ordinal))
            {
                errors.Add(Error(lineNumber, _parameter, $"'{reading.Parameter}' is not a parameter station {station.DeviceId} measures"));
            }

            if (!ReadingPeriods.IsStart(reading.Kind, reading.PeriodStart, station.UtcOffset))
            {
                errors.Add(Error(lineNumber, _time, $"'{Iso(reading.PeriodStart)}' does not begin a period: {ReadingPeriods.DescribeStart(reading.Kind, station.UtcOffset)}"));
            }
        }

        if (reading.PeriodStart > now)
        {
            errors.Add(Error(lineNumber, _time, $"'{Iso(reading.PeriodStart)}' is in the future (the clock reads {Iso(now.ToOffset(reading.PeriodStart.Offset))})"));
        }

        return errors.Count == before;
    }

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFzzz", CultureInfo.InvariantCulture);

    private string Code(int line, string[] fields, int column, int maxLength, ICollection<InputError> errors)
    {
        string text = fields[column].Trim();
        if (text.Length == 0 || text.Length > maxLength || !text.All(char.IsAsciiLetterOrDigit))
        {
            errors.Add(Error(line, column, $"'{Shown(text)}' is not 1 to {maxLength} ASCII letters or digits"));
        }

        return text;
    }

    private ReadingKind Kind(int line, string[] fields, ICollection<InputError> errors)
    {
        string text = fields[_kind].Trim();
        int index = Array.FindIndex(Kinds, k => k.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            errors.Add(Error(line, _kind, $"'{Shown(text)}' is not one of {string.Join(", ", Kinds)}"));
            return default;
        }

        return (ReadingKind)(index + 1);
    }

    private DateTimeOffset Time(int line, string[] fields, ICollection<InputError> errors)
    {
        string text = fields[_time].Trim();
        string[] formats = ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFF'Z'"];
        if (!DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time)
            || time.Year < 1970)
        {
            errors.Add(Error(line, _time, $"'{Shown(text)}' is not an ISO 8601 time with its offset from 1970 on, e.g. 2025-03-01T08:00:00+08:00"));
        }

        return time;
    }

    private decimal Value(int line, string[] fields, ICollection<InputError> errors)
    {
        string text = fields[_value].Trim();
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value))
        {
            errors.Add(Error(line, _value, $"'{Shown(text)}' is not a decimal number (a point, no thousands separator)"));
        }

        return value;
    }

    private Unit UnitOf(int line, string[] fields, ICollection<InputError> errors)
    {
        string text = fields[_unit].Trim();
        // "?" is what the export writes for a unit no station stated: taken back as such.
        if (!UnitText.TryParse(text, out Unit unit))
        {
            errors.Add(Error(line, _unit, $"'{Shown(text)}' is not a unit the platform knows (mg/L, µg/L, °C, µS/cm, NTU, 1, ?, …)"));
        }

        return unit;
    }

    private bool Valid(int line, string[] fields, ICollection<InputError> errors)
    {
        string text = fields[_valid].Trim();
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(Error(line, _valid, $"'{Shown(text)}' is neither true nor false"));
        }

        return false;
    }

    private InputError Error(int line, int column, string message) => new(line, column + 1, _header[column], message);

    // Untrusted text in a message: cut short, so one bad field cannot make a message of a whole line.
    private static string Shown(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
