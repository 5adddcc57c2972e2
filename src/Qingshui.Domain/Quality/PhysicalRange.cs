using Qingshui.Domain.Parameters;

namespace Qingshui.Domain.Quality;

/// <summary>
/// Values no instrument can truly measure: concentrations below zero, pH outside 0–14, water temperature outside
/// −5…60 °C. Such values are kept (they are evidence of a fault) but never count as valid.
/// </summary>
public static class PhysicalRange
{
    /// <summary>Whether a value is physically possible for the parameter.</summary>
    public static bool IsPossible(Parameter? parameter, decimal value) => parameter?.Code switch
    {
        null => true,
        "w01001" => value is >= 0 and <= 14,
        "w01010" => value is >= -5 and <= 60,
        _ => value >= 0,
    };
}
