namespace Qingshui.Server.Api.Contracts;

/// <summary>The body of <c>POST /api/v1/stations/{mn}/realtime-interval</c>.</summary>
/// <param name="Action"><c>tighten</c> (set <paramref name="Seconds"/>, remembering the interval in force) or <c>restore</c>.</param>
/// <param name="Seconds">The interval to tighten to, 30–3600 s (HJ 212-2017).</param>
/// <param name="Reference">What it is for (<c>incident/4</c>, <c>drill-2026-11</c>); <c>manual</c> when left out. A restore undoes the tighten of the same reference.</param>
internal sealed record RealtimeIntervalRequest(string? Action, int? Seconds, string? Reference);

/// <summary>What became of a command to a station.</summary>
internal sealed record StationCommandOutcomeDto(string Mn, string Qn, string State, string? Detail, DateTimeOffset SentAt, DateTimeOffset? AnsweredAt);

/// <summary>One command in a station's log, with the station's answers.</summary>
internal sealed record StationCommandDto(
    long Id, string Qn, string Cn, string Request, string Reference, DateTimeOffset SentAt, string State, string? Detail, DateTimeOffset? AnsweredAt,
    StationAnswerDto[] Answers);

/// <summary>One answer of a station: its CN, its data area as sent, when it came.</summary>
internal sealed record StationAnswerDto(string Cn, string Data, DateTimeOffset ReceivedAt);

/// <summary>A page of a station's command log, newest first; <c>next</c> is the <c>before</c> of the next page.</summary>
internal sealed record StationCommandPageDto(string Mn, StationCommandDto[] Commands, long? Next, string? NextCursor = null);
