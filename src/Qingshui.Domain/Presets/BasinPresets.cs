using System.Reflection;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Presets;

/// <summary>Basin files shipped with Qingshui, addressed by id (<c>pingshui-lushui</c>).</summary>
public static class BasinPresets
{
    private const string Prefix = "Qingshui.Presets.";
    private const string Suffix = ".basin.json";

    /// <summary>The ids of the shipped basins.</summary>
    public static IReadOnlyList<string> Ids { get; } = typeof(BasinPresets).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Suffix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^Suffix.Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The text of a shipped basin file, or <c>null</c> for an unknown id.</summary>
    public static string? Text(string id)
    {
        using Stream? stream = typeof(BasinPresets).Assembly.GetManifestResourceStream(Prefix + id + Suffix);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The GeoJSON of a shipped basin's rivers and boundaries, or <c>null</c> when it has none.</summary>
    public static string? RiverGeoJson(string id)
    {
        using Stream? stream = typeof(BasinPresets).Assembly.GetManifestResourceStream(Prefix + id + ".river.geojson");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A shipped basin; throws for an unknown id or a broken preset (a bug, not bad input).</summary>
    public static Basin Load(string id)
    {
        string text = Text(id) ?? throw new ArgumentException($"no basin preset '{id}'; known: {string.Join(", ", Ids)}", nameof(id));
        BasinFileResult result = BasinFile.Parse(text);
        return result.Basin ?? throw new InvalidOperationException($"preset '{id}' is invalid: {string.Join("; ", result.Errors)}");
    }
}
