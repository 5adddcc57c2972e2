namespace Qingshui.Domain.Alerts;

/// <summary>How serious an alert is; a larger value is more serious. Set per rule.</summary>
public enum AlertSeverity
{
    /// <summary>Worth a look (a data-quality warning).</summary>
    Info = 1,

    /// <summary>Water may be turning bad.</summary>
    Warning = 2,

    /// <summary>Water is bad: the downstream side should know.</summary>
    Critical = 3,
}
