namespace Qingshui.Simulation;

/// <summary>How clean a simulated station's water is: a baseline pollution load and how strongly rain washes pollutants in.</summary>
/// <param name="Load">1 for a typical Class Ⅱ–Ⅲ river; below 1 cleaner (headwater), above 1 dirtier.</param>
/// <param name="RainSensitivity">Multiplier on rain-driven increases.</param>
/// <param name="PollutedMonths">Months (1–12) with an extra pollution episode (a discharge upstream), which can fail Class Ⅲ.</param>
public sealed record StationProfile(double Load, double RainSensitivity, IReadOnlySet<int> PollutedMonths)
{
    /// <summary>A typical station.</summary>
    public static StationProfile Typical { get; } = new(1.0, 1.0, new HashSet<int>());

    /// <summary>A pulse injected at this station, or <c>null</c>.</summary>
    public PollutionPulse? Pulse { get; init; }
}
