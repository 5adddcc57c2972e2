using System.Text.Encodings.Web;
using System.Text.Json;
using Qingshui.Hj212;

namespace Qingshui.Cli.Commands;

/// <summary>
/// The JSON property names <c>code-Suffix</c> of a check report's values, encoded once per pollutant code (a capture
/// repeats a few hundred codes millions of times). Bounded, so a stream of invented codes cannot grow it.
/// </summary>
internal sealed class ValueNames
{
    private const int Capacity = 4096;
    private static readonly ValueSuffix[] Suffixes = Enum.GetValues<ValueSuffix>();
    private readonly Dictionary<string, JsonEncodedText[]> _byCode = new(StringComparer.Ordinal);

    /// <summary>The names of every suffix of <paramref name="code"/>, indexed by <see cref="ValueSuffix"/>.</summary>
    public JsonEncodedText[] For(string code)
    {
        if (_byCode.TryGetValue(code, out JsonEncodedText[]? names))
        {
            return names;
        }

        names = new JsonEncodedText[Suffixes.Length];
        foreach (ValueSuffix suffix in Suffixes)
        {
            names[(int)suffix] = JsonEncodedText.Encode($"{code}-{MessageWriter.SuffixText(suffix)}", JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        }

        if (_byCode.Count < Capacity)
        {
            _byCode[code] = names;
        }

        return names;
    }
}
