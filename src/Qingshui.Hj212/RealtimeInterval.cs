using System.Globalization;

namespace Qingshui.Hj212;

/// <summary>
/// 实时数据间隔: the real-time data interval (<c>RtdInterval</c>, seconds, 30 ≤ n ≤ 3600 in HJ 212-2017 §6.3.3),
/// set with 1062 and reported in a station's 1061 upload.
/// </summary>
public static class RealtimeInterval
{
    /// <summary>The field's name in the data area.</summary>
    public const string FieldName = "RtdInterval";

    /// <summary>The shortest interval the standard allows, in seconds.</summary>
    public const int MinSeconds = 30;

    /// <summary>The longest interval the standard allows, in seconds.</summary>
    public const int MaxSeconds = 3600;

    /// <summary>Whether <paramref name="seconds"/> is an interval the standard allows.</summary>
    public static bool IsAllowed(int seconds) => seconds is >= MinSeconds and <= MaxSeconds;

    /// <summary>
    /// Reads <c>RtdInterval</c> from a station's 1061 upload: true only for a whole number of seconds within the
    /// standard's bounds (a station reporting 5 or 86400 is reporting something this host could not set back).
    /// </summary>
    public static bool TryRead(DataArea data, out int seconds)
    {
        ArgumentNullException.ThrowIfNull(data);
        seconds = 0;
        return data.Field(FieldName) is string text
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds)
            && IsAllowed(seconds);
    }
}
