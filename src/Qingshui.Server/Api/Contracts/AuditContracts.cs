namespace Qingshui.Server.Api.Contracts;

/// <summary>The query of <c>GET /api/v1/audit</c>, bound as text so that a bad value answers a 400 naming it.</summary>
internal sealed record AuditListQuery
{
    public string? Limit { get; init; }
    public string? Before { get; init; }
    public string? Actor { get; init; }
    public string? Action { get; init; }
    public string? Cursor { get; init; }
}

/// <summary>One audit entry as stored: what happened, and its place in the hash chain.</summary>
/// <remarks>Before and after are the short JSON the entry was recorded with, secret-named fields already masked.</remarks>
internal sealed record AuditEntryDto(
    long Sequence, DateTimeOffset At, string Actor, string Organisation, string Action, string Target, string Outcome,
    string? Reason, string? Before, string? After, string? RemoteAddress, string PreviousHash, string Hash);

/// <summary>A page of entries, newest first; <see cref="NextBefore"/> asks for the next older page, <c>null</c> at the end.</summary>
internal sealed record AuditPageDto(string Scope, IReadOnlyList<AuditEntryDto> Entries, long? NextBefore, string? NextCursor);
