namespace Qingshui.Server.Api.Contracts;

/// <summary>
/// The national-style data table: every section (after the filters, in the order asked) with its latest time, class,
/// station status and every parameter's value with that value's own class; <see cref="Items"/> are the columns.
/// </summary>
internal sealed record DataTableDto(string Basin, IReadOnlyList<DataTableItemDto> Items, IReadOnlyList<DataTableRowDto> Rows)
{
    /// <summary>Which data the answer used: the readings as ingested, reviewed or not.</summary>
    public string Data { get; init; } = DataUsed.Provisional;

    /// <summary>Every item some shown section has a value of, whatever the parameter filter: what a caller may filter by.</summary>
    public IReadOnlyList<string> Available { get; init; } = [];
}

/// <summary>A parameter column: the item id, its names and unit, and the decimals its hourly values are shown with.</summary>
internal sealed record DataTableItemDto(string Item, NameDto Name, string Unit, int? Decimals);

/// <summary>
/// One section: where it is (basin, province), when its newest value was measured, its class and target, its stations'
/// condition (normal, maintenance, calibration, fault, stopped, offline; <c>none</c> without stations) with how many are
/// online, and its values.
/// </summary>
internal sealed record DataTableRowDto(
    string Section, NameDto Name, string Basin, string Province, NameDto ProvinceName, string Waterbody, string TargetClass, DateTimeOffset? Time,
    string? Class, string Status, int StationsOnline, int Stations, IReadOnlyList<DataTableValueDto> Values);

/// <summary>A parameter's value at a section (<c>null</c>: not measured) and the GB 3838 class of that value alone.</summary>
internal sealed record DataTableValueDto(string Item, decimal? Value, string? Class);
