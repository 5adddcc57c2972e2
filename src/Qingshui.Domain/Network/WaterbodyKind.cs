namespace Qingshui.Domain.Network;

/// <summary>The kind of water body a section is on; lakes and reservoirs use other TP limits (GB 3838-2002 Table 1, item 8).</summary>
public enum WaterbodyKind
{
    /// <summary>河流, river.</summary>
    River,

    /// <summary>湖泊, lake.</summary>
    Lake,

    /// <summary>水库, reservoir.</summary>
    Reservoir,
}
