namespace Qingshui.Server.Api.Contracts;

/// <summary>A notice as a webhook receives it: what happened, for whom, when (UTC+8 for the posting time).</summary>
internal sealed record NoticeMessageDto(
    long Id, string Kind, string Reference, NameDto Title, NameDto Body, string[] Organisations, DateTimeOffset At, DateTimeOffset PostedAt);

/// <summary>
/// A notice with its delivery per receiver. <see cref="State"/>: <c>delivered</c> (every receiver has it), <c>pending</c>
/// (some receiver is still being tried), <c>given-up</c> (some receiver's attempts ran out), <c>dashboard-only</c> (no receiver takes it).
/// </summary>
internal sealed record NoticeDto(
    long Id, string Kind, string Reference, NameDto Title, NameDto Body, string[] Organisations, DateTimeOffset At, DateTimeOffset PostedAt,
    string State, NoticeDeliveryDto[] Deliveries);

/// <summary>A notice's delivery to one receiver (by name; addresses and secrets are never shown). History only when one notice is read.</summary>
internal sealed record NoticeDeliveryDto(
    string Receiver, string State, int Attempts, DateTimeOffset? DeliveredAt, DeliveryAttemptDto? LastAttempt, DeliveryAttemptDto[]? History);

/// <summary>One attempt: when, whether the receiver took it, its status code, and what went wrong.</summary>
internal sealed record DeliveryAttemptDto(DateTimeOffset At, bool Delivered, int? StatusCode, string? Error);

/// <summary>A page of notices, newest first; <see cref="Scope"/> is the organisation seen (or <c>all</c>); <see cref="Next"/> the next page's <c>before</c>.</summary>
internal sealed record NoticePageDto(string Scope, NoticeDto[] Notices, long? Next, string? NextCursor);

/// <summary>The query string of <c>GET /api/v1/notices</c>, as text so that bad values become problems naming the field.</summary>
internal sealed record NoticeListQuery
{
    public string? State { get; init; }
    public string? Limit { get; init; }
    public string? Before { get; init; }
    public string? Cursor { get; init; }
}
