using Qingshui.Domain.Assessment;
using Qingshui.Domain.Parameters;

namespace Qingshui.Domain.Import;

/// <summary>
/// Which parameter a sample file's column header names. Analysts' files come from many tools, so a header may be an
/// HJ 212 code (<c>w21003</c>), the national release's header (<c>氨氮(mg/L)</c>), the short name Qingshui prints
/// (<c>NH3N</c>, <c>NH3-N</c>), the GB 3838 or catalogue name in Chinese or English (<c>氨氮</c>, <c>ammonia nitrogen</c>),
/// or a common variant (<c>Chl-a</c>, <c>温度</c>), each optionally followed by its unit: <c>氨氮（mg/L）</c>,
/// <c>NH3-N [mg/L]</c>, <c>NH3N_mg_L</c>.
/// </summary>
/// <remarks>
/// Names compare without case, spaces, hyphens, underscores or dots. A unit, when written, must be the parameter's
/// HJ 212 default unit: a column in another unit (<c>总汞(mg/L)</c> where HJ 212 reports µg/L) is not guessed at and
/// stays unknown, so no value is read a thousand times too large.
/// </remarks>
public static class SampleColumnNames
{
    // Spellings seen in provincial exports and spreadsheets that none of the catalogue's own names cover.
    private static readonly (string Name, string Code)[] Variants =
    [
        ("温度", "w01010"), ("temperature", "w01010"), ("WaterTemp", "w01010"), ("WTemp", "w01010"),
        ("PH值", "w01001"),
        ("溶氧", "w01009"), ("oxygen", "w01009"),
        ("CODMn", "w01019"), ("高锰酸钾指数", "w01019"), ("permanganate", "w01019"), ("IMn", "w01019"),
        ("NH3", "w21003"), ("NH4N", "w21003"), ("ammonia", "w21003"), ("ammonium", "w21003"),
        ("phosphorus", "w21011"), ("nitrogen", "w21001"),
        ("叶绿素α", "w01016"), ("chlorophyll", "w01016"), ("Chla", "w01016"), ("chl", "w01016"),
        ("cond", "w01014"), ("EC", "w01014"), ("turb", "w01003"), ("NTU", "w01003"),
        ("CODCr", "w01018"), ("BOD", "w01017"),
    ];

    private static readonly Dictionary<string, Parameter> ByName = BuildNames();

    /// <summary>What <see cref="Find"/> accepts, for messages that tell a user how to name a column.</summary>
    public static string Accepted { get; } =
        "HJ 212 codes (w01001, w01009, w01019, w21003, w21011…), the national release's headers (pH(无量纲), 溶解氧(mg/L), 高锰酸盐指数(mg/L), "
        + "氨氮(mg/L), 总磷(mg/L)…), short names (pH, DO, CODMn, NH3N or NH3-N, TP, TN…) and Chinese or English names "
        + "(溶解氧, 氨氮, dissolved oxygen, ammonia nitrogen…), optionally with the unit: 氨氮（mg/L）, NH3-N [mg/L], NH3N_mg_L";

    /// <summary>The parameter a header names, or null when it names none (or names one in a unit other than its default).</summary>
    public static Parameter? Find(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        string text = header.Trim().TrimStart('\uFEFF');
        if (ParameterCatalogue.Find(text) is Parameter byCode)
        {
            return byCode;
        }

        if (ParameterCatalogue.All.FirstOrDefault(p => string.Equals(p.CnemcColumn, text, StringComparison.Ordinal)) is Parameter national)
        {
            return national;
        }

        if (ByName.TryGetValue(Normalise(text), out Parameter? whole))
        {
            return whole;
        }

        (string name, string? unit) = SplitUnit(text);
        if (!ByName.TryGetValue(Normalise(name), out Parameter? parameter))
        {
            return null;
        }

        return unit is null || (UnitText.TryParse(unit, out Unit written) && written == parameter.DefaultUnit) ? parameter : null;
    }

    // "氨氮(mg/L)", "氨氮（mg/L）", "NH3-N [mg/L]", "NH3N_mg_L": the name and the unit apart.
    private static (string Name, string? Unit) SplitUnit(string text)
    {
        foreach ((char open, char close) in new[] { ('(', ')'), ('（', '）'), ('[', ']') })
        {
            int at = text.IndexOf(open, StringComparison.Ordinal);
            if (at > 0 && text.EndsWith(close))
            {
                return (text[..at].Trim(), text[(at + 1)..^1].Trim());
            }
        }

        int underscore = text.IndexOf('_', StringComparison.Ordinal);
        if (underscore > 0)
        {
            return (text[..underscore], text[(underscore + 1)..].Replace('_', '/'));
        }

        return (text, null);
    }

    private static string Normalise(string name)
    {
        Span<char> kept = stackalloc char[name.Length];
        int length = 0;
        foreach (char c in name)
        {
            if (c is not (' ' or '-' or '_' or '.' or '·' or '\u3000'))
            {
                kept[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(kept[..length]);
    }

    private static Dictionary<string, Parameter> BuildNames()
    {
        var names = new Dictionary<string, Parameter>(StringComparer.Ordinal);
        foreach (Parameter parameter in ParameterCatalogue.All)
        {
            StandardItem? item = StandardItems.ForParameter(parameter.Code);
            foreach (string name in new[] { parameter.Abbreviation, parameter.ChineseName, parameter.EnglishName, item?.Id, item?.ChineseName, item?.EnglishName }.OfType<string>())
            {
                names.TryAdd(Normalise(name), parameter);
            }
        }

        foreach ((string name, string code) in Variants)
        {
            names.TryAdd(Normalise(name), ParameterCatalogue.Find(code)!);
        }

        return names;
    }
}
