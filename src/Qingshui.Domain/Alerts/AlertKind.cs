namespace Qingshui.Domain.Alerts;

/// <summary>What an alert rule watches for. Stored as its word (<see cref="AlertKinds"/>), so stored alerts keep their meaning.</summary>
public enum AlertKind
{
    /// <summary>超标预警: a value worse than the section's target-class limit (GB 3838-2002 Table 1).</summary>
    TargetExceeded = 1,

    /// <summary>A parameter's class worse than the section's target for at least a given number of hours running.</summary>
    TargetExceededFor = 2,

    /// <summary>A rise faster than a given rate per hour between consecutive values.</summary>
    FastRise = 3,

    /// <summary>离线预警: a station that has sent nothing for longer than allowed.</summary>
    Silence = 4,

    /// <summary>A flat line: the same value repeated a given number of times (a stuck instrument).</summary>
    FlatLine = 5,

    /// <summary>A run of values flagged invalid (instrument fault, calibration, maintenance).</summary>
    InvalidRun = 6,

    /// <summary>A statistical event in the manner of EPA CANARY: prediction residuals accumulating as outliers.</summary>
    Statistical = 7,
}

/// <summary>The words rule files and the API use for <see cref="AlertKind"/> and <see cref="AlertSeverity"/>.</summary>
public static class AlertKinds
{
    /// <summary>Kind by word.</summary>
    public static IReadOnlyDictionary<string, AlertKind> ByWord { get; } = new Dictionary<string, AlertKind>(StringComparer.Ordinal)
    {
        ["target-exceeded"] = AlertKind.TargetExceeded,
        ["target-exceeded-for"] = AlertKind.TargetExceededFor,
        ["fast-rise"] = AlertKind.FastRise,
        ["silence"] = AlertKind.Silence,
        ["flat-line"] = AlertKind.FlatLine,
        ["invalid-run"] = AlertKind.InvalidRun,
        ["statistical"] = AlertKind.Statistical,
    };

    /// <summary>Severity by word.</summary>
    public static IReadOnlyDictionary<string, AlertSeverity> SeverityByWord { get; } = new Dictionary<string, AlertSeverity>(StringComparer.Ordinal)
    {
        ["info"] = AlertSeverity.Info,
        ["warning"] = AlertSeverity.Warning,
        ["critical"] = AlertSeverity.Critical,
    };

    /// <summary>The word of a kind.</summary>
    public static string Word(AlertKind kind) => ByWord.First(p => p.Value == kind).Key;

    /// <summary>The word of a severity.</summary>
    public static string Word(AlertSeverity severity) => SeverityByWord.First(p => p.Value == severity).Key;
}
