using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Import;

/// <summary>One row of water-quality values for one section at one time, as read from a file.</summary>
/// <param name="Line">Its line in the file.</param>
/// <param name="Province">Province, when the file gives one (the national release does).</param>
/// <param name="Section">Section name.</param>
/// <param name="Time">When, with its offset; <c>null</c> when the file gives none (national release rows under maintenance).</param>
/// <param name="TimeText">The time as written.</param>
/// <param name="Values">Values by GB 3838 item id, converted to the item's unit; items not measured are absent.</param>
/// <param name="PublishedClass">The class the source published, when it gives one.</param>
/// <param name="Status">Station status as published (正常, 维护, …), when given.</param>
public sealed record SampleRow(
    int Line, string? Province, string Section, DateTimeOffset? Time, string TimeText, IReadOnlyDictionary<string, decimal> Values,
    WaterClass? PublishedClass, string? Status)
{
    /// <summary>Items whose value is below the detection limit (<c>0.025L</c>, <c>ND</c>): their value is the limit.</summary>
    public IReadOnlySet<string> BelowLimit { get; init; } = new HashSet<string>();

    /// <summary>Items the row marks as not monitored (the release's <c>*</c>), as opposed to monitored without a value (<c>--</c>).</summary>
    public IReadOnlySet<string> NotMonitored { get; init; } = new HashSet<string>();

    /// <summary>Province and section, which together name a section in the national release.</summary>
    public string Key => Province is null ? Section : $"{Province}/{Section}";
}
