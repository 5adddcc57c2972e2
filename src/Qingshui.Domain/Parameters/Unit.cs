namespace Qingshui.Domain.Parameters;

/// <summary>Units of measurement that surface-water parameters arrive in.</summary>
/// <remarks>GB 3838-2002 limits are in mg/L (fecal coliform in 个/L); several HJ 212 metal codes default to µg/L, so values are converted explicitly.</remarks>
public enum Unit
{
    /// <summary>No unit (pH).</summary>
    Dimensionless,

    /// <summary>mg/L.</summary>
    MilligramPerLitre,

    /// <summary>µg/L.</summary>
    MicrogramPerLitre,

    /// <summary>ng/L.</summary>
    NanogramPerLitre,

    /// <summary>°C.</summary>
    DegreeCelsius,

    /// <summary>µS/cm.</summary>
    MicrosiemensPerCentimetre,

    /// <summary>NTU.</summary>
    Ntu,

    /// <summary>个/L (counts per litre, fecal coliform).</summary>
    CountPerLitre,

    /// <summary>cells/L (algal density).</summary>
    CellsPerLitre,

    /// <summary>m (transparency).</summary>
    Metre,

    /// <summary>L/s (flow).</summary>
    LitrePerSecond,

    /// <summary>Not known: a code outside the catalogue, kept as sent.</summary>
    Unspecified,
}
