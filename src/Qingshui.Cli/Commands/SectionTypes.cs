using Qingshui.Domain.Import;
using Qingshui.Domain.Network;

namespace Qingshui.Cli.Commands;

/// <summary>The <c>--sections</c> file of <c>assess</c>: <c>section,waterbody</c> (river, lake or reservoir), optionally <c>province</c>.</summary>
internal sealed class SectionTypes
{
    private readonly Dictionary<string, WaterbodyKind> _byKey = new(StringComparer.Ordinal);

    public static SectionTypes None { get; } = new();

    /// <summary>
    /// The register shipped with the tool (Registers/national-sections.csv, provenance in Registers/README.md): every
    /// section of the national release with its water body, so lake sites are not judged with river TP limits.
    /// </summary>
    public static SectionTypes Shipped { get; } = LoadShipped();

    public int Count => _byKey.Count;

    /// <summary>Whether the register names the row's section; a section it does not name is judged as a river.</summary>
    public bool Lists(SampleRow row) => _byKey.ContainsKey(row.Key) || _byKey.ContainsKey(row.Section);

    public WaterbodyKind Of(SampleRow row) =>
        _byKey.TryGetValue(row.Key, out WaterbodyKind kind) || _byKey.TryGetValue(row.Section, out kind) ? kind : WaterbodyKind.River;

    private static SectionTypes LoadShipped()
    {
        using Stream stream = typeof(SectionTypes).Assembly.GetManifestResourceStream("Qingshui.Cli.national-sections.csv")!;
        using var reader = new StreamReader(stream);
        var errors = new List<InputError>();
        SectionTypes types = Read(reader.ReadToEnd().Split('\n'), errors);
        System.Diagnostics.Debug.Assert(errors.Count == 0, "the shipped register reads without errors");

        // Files without a province column name a section alone: it finds its type when no two provinces share the name.
        foreach (IGrouping<string, KeyValuePair<string, WaterbodyKind>> named in types._byKey.ToList().GroupBy(p => p.Key[(p.Key.IndexOf('/', StringComparison.Ordinal) + 1)..]))
        {
            if (named.Count() == 1)
            {
                types._byKey.TryAdd(named.Key, named.Single().Value);
            }
        }

        return types;
    }

    public static SectionTypes Read(IEnumerable<string> lines, List<InputError> errors)
    {
        var types = new SectionTypes();
        string[]? header = null;
        int number = 0;
        foreach (string line in lines)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = CsvFields.Split(line.TrimStart('\uFEFF'));
            if (header is null)
            {
                header = fields;
                if (!header.Contains("section") || !header.Contains("waterbody"))
                {
                    errors.Add(new InputError(1, 0, null, "expected columns section,waterbody (and optionally province)"));
                    return types;
                }

                continue;
            }

            int at = Array.IndexOf(header, "waterbody");
            string section = fields.ElementAtOrDefault(Array.IndexOf(header, "section")) ?? "";
            string? province = Array.IndexOf(header, "province") is int p and >= 0 ? fields.ElementAtOrDefault(p) : null;
            WaterbodyKind? kind = fields.ElementAtOrDefault(at)?.Trim() switch
            {
                "river" => WaterbodyKind.River,
                "lake" => WaterbodyKind.Lake,
                "reservoir" => WaterbodyKind.Reservoir,
                _ => null,
            };
            if (kind is null || section.Length == 0)
            {
                errors.Add(new InputError(number, at + 1, "waterbody", $"'{fields.ElementAtOrDefault(at)}' is not river, lake or reservoir (or the section is empty)"));
                continue;
            }

            types._byKey[string.IsNullOrEmpty(province) ? section : $"{province}/{section}"] = kind.Value;
        }

        return types;
    }
}
