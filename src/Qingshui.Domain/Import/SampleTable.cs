namespace Qingshui.Domain.Import;

/// <summary>Which layout a sample file was read in.</summary>
public enum SampleLayout
{
    /// <summary>The national real-time release's export: 省份, 流域, 断面名称, 监测时间, 水质类别, one column per parameter, 站点情况.</summary>
    NationalRelease,

    /// <summary>Qingshui's own: <c>section,time,</c> then one column per parameter by HJ 212 code or national-release header, optional <c>class</c> and <c>province</c>.</summary>
    Qingshui,
}

/// <summary>What reading a sample file gave: its rows, and every problem with its line and column.</summary>
/// <param name="Layout">The layout recognised from the header.</param>
/// <param name="Rows">Readable rows (a row with a bad value keeps its other values).</param>
/// <param name="Errors">Bad values and bad rows: the file is not as it should be.</param>
/// <param name="Warnings">Things ignored: unknown columns, exact duplicate rows.</param>
/// <param name="DuplicatesDropped">Rows that repeated an earlier row exactly and were dropped.</param>
public sealed record SampleTable(
    SampleLayout Layout, IReadOnlyList<SampleRow> Rows, IReadOnlyList<InputError> Errors, IReadOnlyList<InputError> Warnings, int DuplicatesDropped)
{
    /// <summary>How many times were written without a year (<c>MM-DD HH:MM</c>) and read in <see cref="SampleTableOptions.Year"/>.</summary>
    public int TimesWithoutYear { get; init; }
}

/// <summary>How to read times.</summary>
/// <param name="Year">The year of times written without one (the national release writes <c>MM-DD HH:MM</c>).</param>
/// <param name="DefaultOffset">The offset of times written without one (UTC+8).</param>
public sealed record SampleTableOptions(int Year, TimeSpan DefaultOffset)
{
    /// <summary>
    /// Detection limits by GB 3838 item id, in the item's unit, for cells written <c>ND</c> without one (a cell written
    /// <c>0.025L</c> carries its own).
    /// </summary>
    public IReadOnlyDictionary<string, decimal> DetectionLimits { get; init; } = new Dictionary<string, decimal>();
}
