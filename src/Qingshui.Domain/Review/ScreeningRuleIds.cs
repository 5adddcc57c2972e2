namespace Qingshui.Domain.Review;

/// <summary>The ids stored with a reading (column <c>screen_rule</c>) for the rule that marked it. Stored text: never renamed.</summary>
public static class ScreeningRuleIds
{
    /// <summary>Its HJ 212 data flag (HJ 212-2017 Table 5: T, D, F, M, S, C, B, …) is mapped to suspect or invalid.</summary>
    public const string Flag = "flag";

    /// <summary>Physically impossible (a negative concentration, pH outside 0–14, water temperature outside −5…45 °C).</summary>
    public const string Impossible = "impossible";

    /// <summary>Outside the instrument's measuring range (量程).</summary>
    public const string Range = "range";

    /// <summary>Below the method's detection limit (检出限): stored as given, the <c>0.01L</c> case.</summary>
    public const string DetectionLimit = "detection-limit";

    /// <summary>A jump from the previous value beyond the threshold, up or down.</summary>
    public const string Spike = "spike";

    /// <summary>The same value N times in a row.</summary>
    public const string Stuck = "stuck";

    /// <summary>A range below ε over a window of values.</summary>
    public const string Flat = "flat";

    /// <summary>Every id, in the order rules are applied (the first invalid, else the first suspect, is the one kept).</summary>
    public static IReadOnlyList<string> All { get; } = [Flag, Impossible, Range, DetectionLimit, Spike, Stuck, Flat];
}
