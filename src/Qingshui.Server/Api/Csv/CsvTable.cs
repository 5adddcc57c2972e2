using System.Globalization;
using System.Text.Json;

namespace Qingshui.Server.Api.Csv;

/// <summary>
/// A JSON answer as a table: each element of its rows array is a row; nested objects become columns named by their path
/// (<c>assessment.class</c>), arrays of plain values one cell joined by <c>"; "</c>, other arrays their JSON text.
/// The columns are every path any row has, in the order they first appear.
/// </summary>
internal static class CsvTable
{
    public static void Write(TextWriter writer, JsonElement rows)
    {
        var flat = rows.EnumerateArray().Select(Flatten).ToList();
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string column in flat.SelectMany(r => r.Keys).Where(seen.Add))
        {
            columns.Add(column);
        }

        CsvCells.WriteRow(writer, columns.Select(CsvCell.Of));
        foreach (Dictionary<string, CsvCell> row in flat)
        {
            CsvCells.WriteRow(writer, columns.Select(c => row.TryGetValue(c, out CsvCell cell) ? cell : CsvCell.Of("")));
        }
    }

    private static Dictionary<string, CsvCell> Flatten(JsonElement row)
    {
        var cells = new Dictionary<string, CsvCell>(StringComparer.Ordinal);
        if (row.ValueKind == JsonValueKind.Object)
        {
            Add(cells, "", row);
        }
        else
        {
            cells["value"] = Cell(row);
        }

        return cells;
    }

    private static void Add(Dictionary<string, CsvCell> cells, string prefix, JsonElement value)
    {
        foreach (JsonProperty property in value.EnumerateObject())
        {
            string name = prefix + property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Add(cells, name + ".", property.Value);
            }
            else
            {
                cells[name] = Cell(property.Value);
            }
        }
    }

    private static CsvCell Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => CsvCell.Number(value.GetRawText()),
        JsonValueKind.String => CsvCell.Of(value.GetString()),
        JsonValueKind.True => CsvCell.Of("true"),
        JsonValueKind.False => CsvCell.Of("false"),
        JsonValueKind.Null or JsonValueKind.Undefined => CsvCell.Of(""),
        JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind is JsonValueKind.String or JsonValueKind.Number) =>
            CsvCell.Of(string.Join("; ", value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number
                ? e.GetRawText() : e.GetString()))),
        _ => CsvCell.Of(value.GetRawText()),
    };

    internal static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
