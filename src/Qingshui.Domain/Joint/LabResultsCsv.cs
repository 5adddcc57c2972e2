using System.Globalization;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Import;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Quality;

namespace Qingshui.Domain.Joint;

/// <summary>What reading a laboratory results file gave: every result, or every bad line (and then no result at all).</summary>
/// <param name="Results">The results when the file had no error.</param>
/// <param name="Errors">Each bad line with its number, column and why.</param>
public sealed record LabResultsCsvResult(IReadOnlyList<LabResult> Results, IReadOnlyList<InputError> Errors)
{
    /// <summary>Whether the whole file is good (a file with a bad line applies nothing).</summary>
    public bool Success => Errors.Count == 0;
}

/// <summary>
/// Laboratory results of a joint sampling event from CSV: a header line naming the columns <c>sample</c>,
/// <c>laboratory</c>, <c>side</c>, <c>item</c> and <c>value</c> (any order; optional <c>detectionLimit</c> for
/// <c>ND</c>), then one result per line. Values in the item's unit (mg/L; pH none), read by <see cref="MeasuredText"/>
/// (<c>0.02L</c>, <c>ND</c>). All or nothing: one bad line and no result is taken, each bad line named with why.
/// </summary>
public static class LabResultsCsv
{
    /// <summary>Most result lines in one file.</summary>
    public const int MaxLines = 5000;

    /// <summary>Longest laboratory name.</summary>
    public const int MaxLaboratoryLength = 100;

    private static readonly string[] Required = ["sample", "laboratory", "side", "item", "value"];

    /// <summary>Reads the file's text against the event's split samples and the basin's jurisdictions.</summary>
    public static LabResultsCsvResult Parse(string text, IReadOnlyCollection<string> samples, IReadOnlyCollection<string> jurisdictions)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(jurisdictions);
        string[] lines = text.TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var errors = new List<InputError>();
        string[] header = lines.Length == 0 ? [] : CsvFields.Split(lines[0]).Select(h => h.Trim()).ToArray();
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < header.Length; i++)
        {
            if (!columns.TryAdd(header[i], i))
            {
                errors.Add(new InputError(1, i + 1, header[i], $"column '{header[i]}' appears twice"));
            }
        }

        string[] missing = [.. Required.Where(r => !columns.ContainsKey(r))];
        if (missing.Length > 0)
        {
            errors.Add(new InputError(1, 0, null, $"the header must name the columns {string.Join(", ", Required)} (and optionally detectionLimit); missing: {string.Join(", ", missing)}"));
        }

        if (errors.Count > 0)
        {
            return new([], errors);
        }

        var results = new List<LabResult>();
        var seen = new Dictionary<(string, string, string), int>();
        int count = 0;
        for (int n = 1; n < lines.Length; n++)
        {
            if (string.IsNullOrWhiteSpace(lines[n]))
            {
                continue;
            }

            if (++count > MaxLines)
            {
                errors.Add(new InputError(n + 1, 0, null, string.Create(CultureInfo.InvariantCulture, $"more than {MaxLines} result lines")));
                break;
            }

            if (ReadLine(n + 1, CsvFields.Split(lines[n]), header, columns, samples, jurisdictions, errors) is LabResult result)
            {
                if (seen.TryGetValue((result.Sample, result.Laboratory, result.ItemId), out int first))
                {
                    errors.Add(new InputError(n + 1, 0, null, string.Create(CultureInfo.InvariantCulture,
                        $"sample '{result.Sample}', laboratory '{result.Laboratory}', item {result.ItemId} already has a result on line {first}")));
                }
                else
                {
                    seen[(result.Sample, result.Laboratory, result.ItemId)] = n + 1;
                    results.Add(result);
                }
            }
        }

        if (errors.Count == 0 && results.Count == 0)
        {
            errors.Add(new InputError(1, 0, null, "no result lines after the header"));
        }

        return errors.Count == 0 ? new(results, []) : new([], errors);
    }

    private static LabResult? ReadLine(
        int number, string[] fields, string[] header, Dictionary<string, int> columns, IReadOnlyCollection<string> samples,
        IReadOnlyCollection<string> jurisdictions, List<InputError> errors)
    {
        if (fields.Length != header.Length)
        {
            errors.Add(new InputError(number, 0, null, string.Create(CultureInfo.InvariantCulture, $"has {fields.Length} fields; the header has {header.Length}")));
            return null;
        }

        int before = errors.Count;
        string Field(string name) => fields[columns[name]].Trim();
        void Bad(string name, string message) => errors.Add(new InputError(number, columns[name] + 1, header[columns[name]], message));

        string sample = Field("sample"), laboratory = Field("laboratory"), side = Field("side"), itemText = Field("item"), valueText = Field("value");
        if (!samples.Contains(sample))
        {
            Bad("sample", $"'{sample}' is not a split sample of this event ({string.Join(", ", samples)})");
        }

        if (laboratory.Length is 0 or > MaxLaboratoryLength)
        {
            Bad("laboratory", string.Create(CultureInfo.InvariantCulture, $"must be 1–{MaxLaboratoryLength} characters"));
        }

        if (!jurisdictions.Contains(side))
        {
            Bad("side", $"'{side}' is not a jurisdiction of the basin ({string.Join(", ", jurisdictions)})");
        }

        StandardItem? item = StandardItems.Find(itemText) ?? StandardItems.ForParameter(itemText);
        if (item is null)
        {
            Bad("item", $"'{itemText}' is neither a GB 3838 item id (NH3N, TP, pH …) nor its HJ 212 code (w21003 …)");
        }

        (decimal value, bool below)? read = ReadValue(valueText, columns.ContainsKey("detectionLimit") ? Field("detectionLimit") : "", item, m => Bad("value", m));
        return errors.Count == before && read is var (v, b) ? new LabResult(sample, laboratory, side, item!.Id, v, b) : null;
    }

    private static (decimal, bool)? ReadValue(string text, string limitText, StandardItem? item, Action<string> bad)
    {
        MeasuredText cell = MeasuredText.Parse(text);
        if (cell.Kind == MeasuredTextKind.NotDetected)
        {
            MeasuredText limit = MeasuredText.Parse(limitText);
            if (limit.Kind != MeasuredTextKind.Value || limit.Value <= 0)
            {
                bad($"'{text}' (not detected) needs its detection limit: write it like 0.02L, or give the detectionLimit column");
                return null;
            }

            cell = new MeasuredText(MeasuredTextKind.BelowLimit, limit.Value);
        }

        if (cell.Kind is not (MeasuredTextKind.Value or MeasuredTextKind.BelowLimit))
        {
            bad($"'{text}' is not a number (nor a detection limit like 0.02L or ND)");
            return null;
        }

        bool below = cell.Kind == MeasuredTextKind.BelowLimit;
        Parameter? parameter = item?.ParameterCode is string code ? ParameterCatalogue.Find(code) : null;
        if (cell.Value < 0 || (below && cell.Value == 0) || (parameter is not null && !PhysicalRange.IsPossible(parameter, cell.Value)))
        {
            bad($"impossible value {text} for {item?.Id}");
            return null;
        }

        return (cell.Value, below);
    }
}
