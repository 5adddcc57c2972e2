namespace Qingshui.Server.Api.Contracts;

/// <summary>An alert: its state, rule, place, times (UTC+8), what was seen and the values that triggered it.</summary>
internal sealed record AlertDto(
    long Id, string State, string Rule, string Kind, string Severity, string? Section, string Station, string? Parameter,
    DateTimeOffset RaisedAt, DateTimeOffset? ClearedAt, string Reason, AlertValueDto[] Evidence)
{
    /// <summary>Which data the evidence is: alerts are raised as readings commit, on the readings as ingested, reviewed or not.</summary>
    public string Data { get; init; } = DataUsed.Provisional;
}

/// <summary>One triggering value.</summary>
internal sealed record AlertValueDto(DateTimeOffset Time, decimal Value, bool Valid);

/// <summary>A page of alerts, newest first; <see cref="Next"/> is the <c>before</c> of the next page, or null at the end.</summary>
internal sealed record AlertPageDto(AlertDto[] Alerts, long? Next, string? NextCursor);

/// <summary>The query string of <c>GET /api/v1/alerts</c>, as text so that bad values become problems naming the field.</summary>
internal sealed record AlertListQuery
{
    public string? State { get; init; }
    public string? Section { get; init; }
    public string? Station { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Limit { get; init; }
    public string? Before { get; init; }
    public string? Cursor { get; init; }
}
