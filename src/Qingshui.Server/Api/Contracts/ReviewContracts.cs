namespace Qingshui.Server.Api.Contracts;

/// <summary>
/// The body of a review decision: a station's parameter over [from, to) (ISO times, UTC+8 when no offset), the action
/// (<c>confirm</c>, <c>invalidate</c>, <c>correct</c>), the corrected value (only to correct), a reason code and free text, and
/// the review level acted at (by default any the user holds).
/// </summary>
internal sealed record ReviewDecisionRequest(
    string? Station, string? Parameter, string? From, string? To, string? Action, decimal? Value, string? Reason, string? Note, string? Level = null);

/// <summary>A recorded decision and how many readings it revised.</summary>
internal sealed record ReviewDecisionDto(
    long Id, string Station, string Parameter, DateTimeOffset From, DateTimeOffset To, string Action, decimal? Value, string Reason, string Note,
    string By, string Organisation, DateTimeOffset At, int Readings);

/// <summary>A decision applied: what was recorded, and the agreement-years recomputed because their data changed.</summary>
internal sealed record ReviewDecisionAnswer(ReviewDecisionDto Decision, IReadOnlyList<string> Recomputed);

/// <summary>Decisions on a station, newest first.</summary>
internal sealed record ReviewDecisionsDto(IReadOnlyList<ReviewDecisionDto> Decisions, string? NextCursor = null);

/// <summary>The query of the decisions' history.</summary>
internal sealed record ReviewDecisionsQuery
{
    public string? Station { get; init; }
    public string? Parameter { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Limit { get; init; }
    public string? Cursor { get; init; }
}

/// <summary>The body of closing or reopening a month: why (required to reopen), and at which review level (by default the lowest of the user's).</summary>
internal sealed record ReviewMonthRequest(string? Reason, string? Level = null);

/// <summary>One closing or reopening, at its review level.</summary>
internal sealed record ReviewStepDto(string Action, string By, string Organisation, DateTimeOffset At, string Reason, string Level);

/// <summary>
/// Whether a station-month is closed at one review level (and by whom, for which organisation, when), and whether the reader
/// reviews the station at that level (<c>mine</c>: the page offers acting there).
/// </summary>
internal sealed record ReviewLevelStateDto(string Id, int Level, string State, bool Mine, string? ClosedBy, string? Organisation, DateTimeOffset? ClosedAt);

/// <summary>A reason a review decision may give: its code and its name in Chinese and English.</summary>
internal sealed record ReviewReasonDto(string Code, NameDto Name);

/// <summary>One parameter's completeness in a station-month, on the data as reviewed so far.</summary>
internal sealed record MonthCompletenessDto(
    string Parameter, int ValidDays, int RequiredDays, int RequiredPerDay, bool Complete, int ToReview, IReadOnlyList<DateOnly> IncompleteDays);

/// <summary>A station-month's review: its state, its steps, and each parameter's completeness and readings still to review.</summary>
internal sealed record ReviewMonthDto(
    string Station, string Month, string State, bool Provisional, IReadOnlyList<ReviewStepDto> Steps, IReadOnlyList<MonthCompletenessDto> Parameters,
    IReadOnlyList<ReviewLevelStateDto> Levels);

/// <summary>The query of the review queue.</summary>
internal sealed record ReviewQueueQuery
{
    public string? Month { get; init; }
    public string? Station { get; init; }
    public string? Section { get; init; }
    public string? Operator { get; init; }
    public string? State { get; init; }
    public string? Needs { get; init; }
    public string? Page { get; init; }
    public string? PageSize { get; init; }
    public string? Cursor { get; init; }
}

/// <summary>One station-month in the queue.</summary>
internal sealed record ReviewQueueRowDto(
    string Station, string Section, string Operator, string State, int ToReview, int IncompleteParameters, IReadOnlyList<MonthCompletenessDto> Parameters);

/// <summary>A page of the review queue of a month.</summary>
internal sealed record ReviewQueueDto(string Month, int Total, int Page, int PageSize, IReadOnlyList<ReviewQueueRowDto> Rows, string? NextCursor = null)
{
    /// <summary>Whether rows follow this page.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool More { get; init; }
}

/// <summary>The body of a party's consent to settle a year on months not closed by review.</summary>
internal sealed record ConsentRequest(string? Agreement, int? Year, string? Reason);

/// <summary>The consents of a year so far (party → who), and whether every party has consented.</summary>
internal sealed record ConsentDto(string Agreement, int Year, IReadOnlyDictionary<string, string> ConsentedBy, bool Complete);

/// <summary>The query of the readings review changed.</summary>
internal sealed record ReviewRevisionsQuery
{
    public string? Station { get; init; }
    public string? Parameter { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Kind { get; init; }
}

/// <summary>One revision of a reading: revision 0 is the value as received.</summary>
internal sealed record ReadingRevisionDto(int Revision, decimal Value, bool Valid, string? Flag, string? ScreenRule);

/// <summary>A reading review changed, with every revision, oldest first (the last is the current one).</summary>
internal sealed record RevisedReadingDto(DateTimeOffset Time, IReadOnlyList<ReadingRevisionDto> Revisions);

/// <summary>The readings of a station's parameter that review changed in a range.</summary>
internal sealed record ReviewRevisionsDto(string Station, string Parameter, string Kind, IReadOnlyList<RevisedReadingDto> Readings);
