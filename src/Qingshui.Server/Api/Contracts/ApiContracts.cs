namespace Qingshui.Server.Api.Contracts;

/// <summary>A name in both languages.</summary>
internal sealed record NameDto(string Zh, string En);

/// <summary>A basin in a list.</summary>
internal sealed record BasinSummaryDto(string Id, NameDto Name, int Sections, int Stations);

/// <summary>A basin with its sections (and their current class) and its river drawing.</summary>
internal sealed record BasinDto(string Id, NameDto Name, IReadOnlyList<JurisdictionDto> Jurisdictions, IReadOnlyList<SectionSummaryDto> Sections, object? Map);

/// <summary>A jurisdiction.</summary>
internal sealed record JurisdictionDto(string Id, NameDto Name);

/// <summary>A section, its target and its current class (from the latest values of its stations).</summary>
internal sealed record SectionSummaryDto(
    string Id, NameDto Name, string Waterbody, string TargetClass, string Jurisdiction, string? Upstream, string? Downstream,
    double? Longitude, double? Latitude, string? CurrentClass, string? Grade, DateTimeOffset? LatestTime);

/// <summary>A section with its stations and the assessment of its current values.</summary>
internal sealed record SectionDto(SectionSummaryDto Section, IReadOnlyList<StationDto> Stations, AssessmentDto Current)
{
    /// <summary>Which data the answer used: live views use the readings as ingested, reviewed or not (docs/review.md).</summary>
    public string Data { get; init; } = DataUsed.Provisional;
}

/// <summary>The words for which data an answer used.</summary>
internal static class DataUsed
{
    /// <summary>The readings as ingested, reviewed or not: live views.</summary>
    public const string Provisional = "provisional";
}

/// <summary>A section's assessment: class, grade, deciding items, main pollutants, missing items, values by item.</summary>
internal sealed record AssessmentDto(
    string? Class, string? Grade, IReadOnlyList<string> Deciding, IReadOnlyList<PollutantDto> MainPollutants, IReadOnlyList<string> Missing,
    IReadOnlyDictionary<string, decimal> Values);

/// <summary>A main pollutant with its exceedance multiple.</summary>
internal sealed record PollutantDto(string Item, string Name, decimal? Multiple);

/// <summary>A month's assessment of a section, with completeness per item (valid days against required).</summary>
internal sealed record MonthDto(string Period, AssessmentDto Assessment, IReadOnlyList<CompletenessDto> Completeness);

/// <summary>How much valid data stood behind an item's mean.</summary>
internal sealed record CompletenessDto(string Item, int Valid, int Required, int InvalidValues);

/// <summary>A parameter's series at a section, downsampled server-side, with the GB 3838 limits to draw as bands.</summary>
internal sealed record SeriesDto(
    string Section, string Parameter, NameDto Name, string Unit, string Interval, LimitsDto? Limits, IReadOnlyList<PointDto> Points)
{
    /// <summary>Decimals to show a value with (the hourly places of the 2020 statistics rules), or null where they give none.</summary>
    public int? Decimals { get; init; }


    /// <summary>Which data the answer used: the readings as ingested, reviewed or not.</summary>
    public string Data { get; init; } = DataUsed.Provisional;
}

/// <summary>An item's class limits (upper/lower bound or range) and the section's target class.</summary>
internal sealed record LimitsDto(string Item, string Kind, IReadOnlyList<decimal> Values, string TargetClass);

/// <summary>One downsampled point: the bucket start, mean, minimum, maximum and count of values.</summary>
internal sealed record PointDto(DateTimeOffset Time, decimal Mean, decimal Min, decimal Max, int Count);

/// <summary>A station, its link status and latest values.</summary>
internal sealed record StationDto(
    string Mn, NameDto Name, string Section, string Operator, string Edition, bool Online, DateTimeOffset? LastPacket,
    long Accepted, long Rejected, long Quarantined, IReadOnlyList<LatestDto> Latest);

/// <summary>A station's latest value of a parameter.</summary>
internal sealed record LatestDto(string Parameter, decimal Value, string Unit, DateTimeOffset Time, string? Flag, bool Valid, string? ScreenRule);

/// <summary>A raw packet as received, with its verdict and reason.</summary>
internal sealed record PacketDto(long Id, DateTimeOffset ReceivedAt, string Remote, string? Command, string Verdict, string? Reason, string Text, string? ReasonCode);

/// <summary>The packet log's filters and page: ?verdict=accepted|rejected|quarantined, ?reason=&lt;code&gt;, ?limit=, ?cursor=.</summary>
internal sealed record PacketLogQuery
{
    public string? Verdict { get; init; }
    public string? Reason { get; init; }
    public string? Limit { get; init; }
    public string? Cursor { get; init; }
}

/// <summary>The readings' filters and page.</summary>
internal sealed record ReadingListQuery
{
    public string? Parameter { get; init; }
    public string? Kind { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Limit { get; init; }
    public string? Cursor { get; init; }
}

/// <summary>A reading.</summary>
internal sealed record ReadingDto(string Parameter, string Kind, DateTimeOffset Time, decimal Value, string Unit, string? Flag, bool Valid, int Revision, string? ScreenRule);

/// <summary>An agreement in a list.</summary>
internal sealed record AgreementDto(string Id, NameDto Name, IReadOnlyList<JurisdictionDto> Parties, IReadOnlyList<string> Sections, string Period, string TermStart, string TermEnd, IReadOnlyList<string> Notes);

/// <summary>One year of an agreement's term, whose statement <c>GET /api/v1/agreements/{id}/statements/{year}</c> answers.</summary>
/// <param name="Year">The calendar year.</param>
/// <param name="Periods">Its reckoning periods within the term.</param>
/// <param name="Recorded">Periods the ledger holds an account of.</param>
/// <param name="Confirmed">Periods every party confirmed (or settled with the year).</param>
/// <param name="Closed">Whether the year was closed (settled) by the parties.</param>
internal sealed record StatementYearDto(int Year, int Periods, int Recorded, int Confirmed, bool Closed);

/// <summary>A river or basin evaluation for a month.</summary>
internal sealed record BasinAssessmentDto(string Period, string? Grade, string Method, int Sections, IReadOnlyDictionary<string, decimal> ClassShares, IReadOnlyList<string> MainPollutants);
