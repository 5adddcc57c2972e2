namespace Qingshui.Storage.Joint;

/// <summary>
/// 送达回执: a shared record (kind + id) delivered to an organisation, and when a member of it first opened it. Either time
/// may be missing (opened by a member of an organisation it was not delivered to; delivered and not yet opened).
/// </summary>
/// <param name="Kind">The kind of record (<c>meeting</c>, <c>decision</c>, <c>attachment</c>, <c>patrol</c>, <c>export</c>…).</param>
/// <param name="Id">The record's id.</param>
/// <param name="Organisation">The organisation.</param>
/// <param name="DeliveredAt">When it was delivered (shared) to it.</param>
/// <param name="OpenedAt">When a member first opened it.</param>
/// <param name="OpenedBy">Who that was.</param>
public sealed record Receipt(string Kind, string Id, string Organisation, DateTimeOffset? DeliveredAt, DateTimeOffset? OpenedAt, string? OpenedBy);
