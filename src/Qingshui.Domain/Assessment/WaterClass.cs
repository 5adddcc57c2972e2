namespace Qingshui.Domain.Assessment;

/// <summary>水质类别, the water-quality class of GB 3838-2002 §3, from best (Ⅰ) to worse than Ⅴ (劣Ⅴ).</summary>
/// <remarks>The numeric values order the classes: a larger value is a worse class.</remarks>
public enum WaterClass
{
    /// <summary>Ⅰ类.</summary>
    I = 1,

    /// <summary>Ⅱ类.</summary>
    II = 2,

    /// <summary>Ⅲ类.</summary>
    III = 3,

    /// <summary>Ⅳ类.</summary>
    IV = 4,

    /// <summary>Ⅴ类.</summary>
    V = 5,

    /// <summary>劣Ⅴ类: fails the Class Ⅴ limit (a reporting label, not a class of the standard's table).</summary>
    WorseThanV = 6,
}
