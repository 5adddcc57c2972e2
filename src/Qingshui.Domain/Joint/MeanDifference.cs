namespace Qingshui.Domain.Joint;

/// <summary>Two stations' means of one item compared: A − B, its size relative to their mean level, and the verdict.</summary>
/// <param name="Difference">A − B in the item's unit.</param>
/// <param name="Relative">|A − B| / ((|A| + |B|) / 2), or null when both are zero.</param>
/// <param name="Exceeds">Whether the difference is beyond the tolerance.</param>
public readonly record struct MeanDifference(decimal Difference, decimal? Relative, bool Exceeds);
