namespace Qingshui.Domain.Parameters;

/// <summary>The written symbols of units, for files and reports.</summary>
public static class UnitText
{
    private static readonly (Unit Unit, string Symbol, string[] Aliases)[] Symbols =
    [
        (Unit.Dimensionless, "1", ["", "无量纲", "dimensionless"]),
        (Unit.MilligramPerLitre, "mg/L", ["mg/l"]),
        (Unit.MicrogramPerLitre, "µg/L", ["μg/L", "ug/L", "ug/l"]),
        (Unit.NanogramPerLitre, "ng/L", ["ng/l"]),
        (Unit.DegreeCelsius, "°C", ["℃", "C"]),
        (Unit.MicrosiemensPerCentimetre, "µS/cm", ["μS/cm", "uS/cm"]),
        (Unit.Ntu, "NTU", []),
        (Unit.CountPerLitre, "个/L", ["MPN/L", "/L"]),
        (Unit.CellsPerLitre, "cells/L", []),
        (Unit.Metre, "m", []),
        (Unit.LitrePerSecond, "L/s", []),
        (Unit.Unspecified, "?", []),
    ];

    private static readonly string[] SymbolByUnit = Symbols.OrderBy(s => s.Unit).Select(s => s.Symbol).ToArray();

    /// <summary>The symbol written for a unit.</summary>
    public static string Symbol(Unit unit) => SymbolByUnit[(int)unit];

    /// <summary>Reads a symbol or one of its common spellings.</summary>
    public static bool TryParse(string text, out Unit unit)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach ((Unit candidate, string symbol, string[] aliases) in Symbols)
        {
            if (string.Equals(symbol, text, StringComparison.Ordinal) || Array.Exists(aliases, a => string.Equals(a, text, StringComparison.Ordinal)))
            {
                unit = candidate;
                return true;
            }
        }

        unit = default;
        return false;
    }
}
