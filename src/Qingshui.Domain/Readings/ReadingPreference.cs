namespace Qingshui.Domain.Readings;

/// <summary>Which kind of stored reading stands for a station's data when several kinds cover the same range.</summary>
/// <remarks>
/// Best first: hourly values, then coarser, then real-time. Kinds are never mixed for one station, which would
/// double-count the same water: the first kind with any value in the range is the one used.
/// </remarks>
public static class ReadingPreference
{
    /// <summary>The kinds, best first.</summary>
    public static IReadOnlyList<ReadingKind> Order { get; } =
        [ReadingKind.Hour, ReadingKind.FourHour, ReadingKind.Day, ReadingKind.Sample, ReadingKind.Minute, ReadingKind.RealTime];
}
