namespace Qingshui.Simulation;

/// <summary>
/// A pollution pulse injected at one station (an accidental discharge upstream): for its duration the station's
/// pollutants rise by <paramref name="Strength"/> times a month-long episode's rise (NH3-N +0.9 mg/L, CODMn +2.8 mg/L,
/// TP +0.16 mg/L, TN +1.1 mg/L each), and oxygen falls with it.
/// </summary>
/// <param name="Start">When it reaches the station.</param>
/// <param name="Duration">How long it lasts there.</param>
/// <param name="Strength">Multiple of an episode's rise (1–20).</param>
public sealed record PollutionPulse(DateTimeOffset Start, TimeSpan Duration, double Strength)
{
    /// <summary>Its strength at <paramref name="time"/>: <see cref="Strength"/> inside [start, start + duration), else 0.</summary>
    public double At(DateTimeOffset time) => time >= Start && time < Start + Duration ? Strength : 0;
}
