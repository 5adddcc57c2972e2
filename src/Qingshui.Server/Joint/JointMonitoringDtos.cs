using Qingshui.Server.Api.Contracts;

namespace Qingshui.Server.Joint;

/// <summary>A station of a compared pair.</summary>
internal sealed record PairStationDto(string Mn, NameDto Name, string Jurisdiction);

/// <summary>The tolerance of an item: absolute (item's unit) and relative (fraction) bounds, and as text.</summary>
internal sealed record ToleranceDto(decimal? Absolute, decimal? Relative, string Text);

/// <summary>One hour at a two-station section: each station's hourly mean, A − B, and the section's value from both.</summary>
internal sealed record SideBySideHourDto(DateTimeOffset Time, decimal? A, decimal? B, decimal? Difference, decimal? Section);

/// <summary>A day's or month's means of both stations, their difference against the tolerance, and the section's mean.</summary>
internal sealed record SideBySidePeriodDto(string Period, decimal? A, decimal? B, decimal? Difference, decimal? Relative, bool Exceeds, decimal? Section);

/// <summary>The two stations of a section side by side for one parameter over a range.</summary>
internal sealed record SideBySideDto(
    string Section, NameDto SectionName, string Parameter, NameDto Name, string Unit, int? Decimals, PairStationDto A, PairStationDto B,
    ToleranceDto? Tolerance, DateTimeOffset From, DateTimeOffset To, SideBySideHourDto[] Hours, SideBySidePeriodDto[] Days, SideBySidePeriodDto[] Months);

/// <summary>How a discrepancy was closed.</summary>
internal sealed record DiscrepancyClosingDto(string Cause, string Text, string By, string Organisation, DateTimeOffset At);

/// <summary>A discrepancy between the two stations of a section.</summary>
internal sealed record DiscrepancyDto(
    long Id, string Section, string StationA, string StationB, string[] Jurisdictions, string Item, string Parameter, string PeriodKind, string Period,
    decimal MeanA, decimal MeanB, decimal Difference, string Tolerance, DateTimeOffset OpenedAt, string Status, DiscrepancyClosingDto? Closing);

/// <summary>A page of discrepancies, newest first; <c>nextCursor</c> asks for the next page, null at the end.</summary>
internal sealed record DiscrepancyPageDto(DiscrepancyDto[] Discrepancies, string? NextCursor);

/// <summary>Closing a discrepancy: a cause from the list and what was found.</summary>
internal sealed record DiscrepancyCloseRequest(string? Cause, string? Text);

/// <summary>Who sampled for which side.</summary>
internal sealed record SamplerDto(string Side, string Name);

/// <summary>Recording a joint sampling event.</summary>
internal sealed record SamplingRequest(
    string? Section, string? SampledAt, string? Place, SamplerDto[]? Samplers, string[]? Samples, string[]? Attachments, string? Note);

/// <summary>A laboratory's result.</summary>
internal sealed record LabResultDto(string Sample, string Laboratory, string Side, string Item, decimal Value, bool BelowLimit, string Text);

/// <summary>A station's hourly value at the sampling hour against the laboratories' mean.</summary>
internal sealed record StationAtSamplingDto(string Mn, decimal? HourValue, decimal? Difference, bool? Exceeds);

/// <summary>One item of one split sample compared.</summary>
internal sealed record SampleComparisonDto(
    string Sample, string Item, LabResultDto[] Results, decimal? LaboratoryDifference, bool? LaboratoriesExceed, decimal LaboratoryMean,
    StationAtSamplingDto[] Stations, ToleranceDto? Tolerance);

/// <summary>A joint sampling event; the comparison only when one event is asked for.</summary>
internal sealed record SamplingDto(
    long Id, string Section, DateTimeOffset SampledAt, string Place, SamplerDto[] Samplers, string[] Samples, LabResultDto[] Results,
    string[] Attachments, string Note, string CreatedBy, string Organisation, DateTimeOffset CreatedAt, SampleComparisonDto[]? Comparison);

/// <summary>A page of sampling events, newest first.</summary>
internal sealed record SamplingPageDto(SamplingDto[] Events, string? NextCursor);
