using Qingshui.Domain.Parameters;

namespace Qingshui.Domain.Assessment;

/// <summary>
/// Explicit unit conversion before a value meets a limit: several metals arrive in µg/L (HJ 212-2017 Table B.1) or
/// ng/L while GB 3838 limits are in mg/L. Only conversions that are exact powers of ten are offered.
/// </summary>
public static class UnitConversion
{
    /// <summary>Converts <paramref name="value"/> from one unit to another; <c>false</c> when no conversion exists.</summary>
    public static bool TryConvert(decimal value, Unit from, Unit to, out decimal converted)
    {
        if (from == to)
        {
            converted = value;
            return true;
        }

        if (MassFactor(from) is decimal f && MassFactor(to) is decimal t)
        {
            converted = value * f / t;
            return true;
        }

        converted = default;
        return false;
    }

    private static decimal? MassFactor(Unit unit) => unit switch
    {
        Unit.MilligramPerLitre => 1m,
        Unit.MicrogramPerLitre => 0.001m,
        Unit.NanogramPerLitre => 0.000001m,
        _ => null,
    };
}
