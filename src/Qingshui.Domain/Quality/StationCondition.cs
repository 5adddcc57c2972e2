namespace Qingshui.Domain.Quality;

/// <summary>
/// 站点状态: what a station is doing now, as provincial and national platforms show it next to its values: offline, or
/// what the data flags of its latest values say (HJ 212-2017 Table 4: F 停运, M 维护, D 故障, C 校准), else normal.
/// </summary>
public enum StationCondition
{
    /// <summary>正常: online, latest values flagged normal.</summary>
    Normal,

    /// <summary>维护: the latest values are flagged M.</summary>
    Maintenance,

    /// <summary>校准: the latest values are flagged C.</summary>
    Calibration,

    /// <summary>故障: the latest values are flagged D.</summary>
    Fault,

    /// <summary>停运: the latest values are flagged F.</summary>
    Stopped,

    /// <summary>离线: nothing received lately.</summary>
    Offline,
}

/// <summary>Reads a station's condition from whether it is online and the flags of its latest values.</summary>
public static class StationConditions
{
    /// <summary>
    /// Offline when not online; else the first of stopped, fault, maintenance, calibration that a latest value's flag
    /// says (a station reports one state for all its instruments in practice; the gravest wins if they differ); else normal.
    /// </summary>
    public static StationCondition Of(bool online, IEnumerable<string?> latestFlags)
    {
        ArgumentNullException.ThrowIfNull(latestFlags);
        if (!online)
        {
            return StationCondition.Offline;
        }

        var flags = latestFlags.OfType<string>().ToHashSet(StringComparer.Ordinal);
        return flags.Contains("F") ? StationCondition.Stopped
            : flags.Contains("D") ? StationCondition.Fault
            : flags.Contains("M") ? StationCondition.Maintenance
            : flags.Contains("C") ? StationCondition.Calibration
            : StationCondition.Normal;
    }
}
