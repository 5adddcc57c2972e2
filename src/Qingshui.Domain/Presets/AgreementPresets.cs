using Qingshui.Domain.Compensation;

namespace Qingshui.Domain.Presets;

/// <summary>Agreements shipped with Qingshui, addressed by id (<c>lushui-2019</c>).</summary>
public static class AgreementPresets
{
    private const string Prefix = "Qingshui.Presets.";
    private const string Suffix = ".agreement.json";

    /// <summary>The ids of the shipped agreements.</summary>
    public static IReadOnlyList<string> Ids { get; } = typeof(AgreementPresets).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Suffix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^Suffix.Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The text of a shipped agreement, or <c>null</c> for an unknown id.</summary>
    public static string? Text(string id)
    {
        using Stream? stream = typeof(AgreementPresets).Assembly.GetManifestResourceStream(Prefix + id + Suffix);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A shipped agreement; throws for an unknown id or a broken preset (a bug, not bad input).</summary>
    public static Agreement Load(string id)
    {
        string text = Text(id) ?? throw new ArgumentException($"no agreement preset '{id}'; known: {string.Join(", ", Ids)}", nameof(id));
        AgreementFileResult result = AgreementFile.Parse(text);
        return result.Agreement ?? throw new InvalidOperationException($"preset '{id}' is invalid: {string.Join("; ", result.Errors)}");
    }
}
