namespace Qingshui.Domain.Assessment;

/// <summary>Which table of GB 3838-2002 an item comes from.</summary>
public enum StandardTable
{
    /// <summary>Table 1: 24 basic items, limits per class.</summary>
    Basic = 1,

    /// <summary>Table 2: 5 supplementary items for centralized drinking-water sources, single limits.</summary>
    Supplementary = 2,

    /// <summary>Table 3: specific items for centralized drinking-water sources, single limits.</summary>
    Specific = 3,
}
