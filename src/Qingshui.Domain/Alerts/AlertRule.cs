using Qingshui.Domain.Readings;

namespace Qingshui.Domain.Alerts;

/// <summary>One alert rule, as data: what to watch, where, and when an alert opens and clears.</summary>
/// <param name="Id">Stable identifier, unique in its set (<c>nh3n-over-target</c>); stored on every alert it raises.</param>
/// <param name="Kind">What it watches for.</param>
/// <param name="Severity">The severity of its alerts.</param>
/// <remarks>
/// Scope: <see cref="Section"/> and <see cref="Station"/> narrow where it applies (none: everywhere); <see cref="Parameters"/>
/// narrows what (none: every parameter; for the target rules, every parameter that is a GB 3838 item). Each (rule,
/// station, parameter) is one series with one open alert at most.
/// </remarks>
public sealed record AlertRule(string Id, AlertKind Kind, AlertSeverity Severity)
{
    /// <summary>Only stations of this section.</summary>
    public string? Section { get; init; }

    /// <summary>Only this station (MN).</summary>
    public string? Station { get; init; }

    /// <summary>Only these parameter codes (HJ 212-2017).</summary>
    public IReadOnlyList<string> Parameters { get; init; } = [];

    /// <summary>Which kind of reading forms the series (silence counts any kind).</summary>
    public ReadingKind ReadingKind { get; init; } = ReadingKind.Hour;

    /// <summary>How long the condition must have been gone before an open alert clears (hysteresis).</summary>
    public TimeSpan ClearAfter { get; init; } = TimeSpan.FromHours(3);

    /// <summary>For <see cref="AlertKind.TargetExceededFor"/>, how long the class must stay worse; for <see cref="AlertKind.Silence"/>, the silence allowed.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>For <see cref="AlertKind.FastRise"/>, the rise per hour (in the unit the station reports) beyond which it alerts.</summary>
    public decimal RatePerHour { get; init; }

    /// <summary>For <see cref="AlertKind.FlatLine"/> and <see cref="AlertKind.InvalidRun"/>, how many values in a row.</summary>
    public int Count { get; init; }

    /// <summary>For <see cref="AlertKind.Statistical"/>, the detector's parameters.</summary>
    public CanarySettings? Canary { get; init; }

    /// <summary>Whether the rule applies to a station of a section.</summary>
    public bool AppliesTo(string station, string? section) =>
        (Station is null || string.Equals(Station, station, StringComparison.Ordinal))
        && (Section is null || string.Equals(Section, section, StringComparison.Ordinal));

    /// <summary>Whether the rule watches this parameter code.</summary>
    public bool Watches(string parameter)
    {
        if (Parameters.Count == 0)
        {
            return true;
        }

        foreach (string code in Parameters)
        {
            if (string.Equals(code, parameter, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
