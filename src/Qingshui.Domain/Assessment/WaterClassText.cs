namespace Qingshui.Domain.Assessment;

/// <summary>How classes are written: Unicode Roman numerals as the national release writes them (Ⅰ…Ⅴ, 劣Ⅴ), or ASCII.</summary>
public static class WaterClassText
{
    private static readonly string[] Roman = ["", "Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "劣Ⅴ"];
    private static readonly string[] Ascii = ["", "I", "II", "III", "IV", "V", "WorseThanV"];

    /// <summary>The class as the national release writes it (Ⅲ, 劣Ⅴ).</summary>
    public static string ToRoman(WaterClass value) => Roman[(int)value];

    /// <summary>The class in ASCII (III, WorseThanV).</summary>
    public static string ToAscii(WaterClass value) => Ascii[(int)value];

    /// <summary>Reads Ⅰ…Ⅴ/劣Ⅴ, I…V/劣V/WorseThanV, or 1…6.</summary>
    public static bool TryParse(string? text, out WaterClass value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string trimmed = text.Trim().TrimEnd('类');
        for (int i = 1; i < Roman.Length; i++)
        {
            if (string.Equals(trimmed, Roman[i], StringComparison.Ordinal) || string.Equals(trimmed, Ascii[i], StringComparison.OrdinalIgnoreCase)
                || string.Equals(trimmed, ((char)('0' + i)).ToString(), StringComparison.Ordinal))
            {
                value = (WaterClass)i;
                return true;
            }
        }

        if (trimmed is "劣V" or "劣v" or ">V")
        {
            value = WaterClass.WorseThanV;
            return true;
        }

        return false;
    }
}
