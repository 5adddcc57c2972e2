using Qingshui.Domain.Network;

namespace Qingshui.Storage.Notices;

/// <summary>A notice as stored: what people must be told, for whom, and when.</summary>
/// <param name="Id">Its number in the store (0 before it is stored); receivers get a receiver's notices in this order.</param>
/// <param name="Kind">What happened, dotted (<c>alert.raised</c>).</param>
/// <param name="Reference">What it is about (<c>alert/17</c>).</param>
/// <param name="Title">One line, Chinese and English.</param>
/// <param name="Body">A few lines, Chinese and English.</param>
/// <param name="Organisations">The organisations it is for; empty means every member.</param>
/// <param name="At">When it happened.</param>
/// <param name="PostedAt">When it was posted (the age the retry bound counts from).</param>
public sealed record NoticeRecord(
    long Id, string Kind, string Reference, LocalizedText Title, LocalizedText Body, IReadOnlyList<string> Organisations, DateTimeOffset At,
    DateTimeOffset PostedAt);

/// <summary>Where a notice stands with one receiver.</summary>
public enum DeliveryState
{
    /// <summary>Not delivered yet; the deliverer will try (again).</summary>
    Pending,

    /// <summary>The receiver took it.</summary>
    Delivered,

    /// <summary>Attempts ran out (count or age); only a retry asked for by a person sends it again.</summary>
    GivenUp,
}

/// <summary>One attempt to deliver a notice to a receiver.</summary>
/// <param name="At">When it was made.</param>
/// <param name="Delivered">Whether the receiver took it.</param>
/// <param name="StatusCode">The receiver's status code (HTTP status, SMTP reply), when it answered.</param>
/// <param name="Error">What went wrong, in words that carry no secret; <c>null</c> when delivered.</param>
public sealed record DeliveryAttempt(DateTimeOffset At, bool Delivered, int? StatusCode, string? Error);

/// <summary>A notice's delivery to one receiver.</summary>
/// <param name="Receiver">The receiver's name.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Attempts">Attempts counted toward the retry bound (from the last retry asked for).</param>
/// <param name="DeliveredAt">When it was delivered.</param>
/// <param name="History">Every attempt, oldest first (only when one notice is read; empty in lists).</param>
public sealed record NoticeDelivery(
    string Receiver, DeliveryState State, int Attempts, DateTimeOffset? DeliveredAt, IReadOnlyList<DeliveryAttempt> History)
{
    /// <summary>The latest attempt, when there was one.</summary>
    public DeliveryAttempt? LastAttempt { get; init; }
}

/// <summary>A notice with its deliveries.</summary>
public sealed record NoticeEntry(NoticeRecord Notice, IReadOnlyList<NoticeDelivery> Deliveries);

/// <summary>A delivery the deliverer still owes a receiver.</summary>
/// <param name="Notice">The notice.</param>
/// <param name="Attempts">Attempts made so far toward the bound.</param>
public sealed record PendingDelivery(NoticeRecord Notice, int Attempts);

/// <summary>Which notices to list, newest first, paged by id.</summary>
/// <param name="Limit">At most this many (1–<see cref="MaxLimit"/>).</param>
/// <param name="Organisation">Only notices for this organisation (or for every member); <c>null</c>: all.</param>
/// <param name="Undelivered">Only notices some receiver has not taken yet.</param>
/// <param name="Before">Only ids below this (the next page).</param>
public sealed record NoticeQuery(int Limit, string? Organisation = null, bool Undelivered = false, long? Before = null)
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 200;
}

/// <summary>
/// Where notices wait for their receivers: stored with one delivery per receiver, every attempt recorded, read back as
/// written. What is pending after a restart is what the deliverer resumes.
/// </summary>
public interface INoticeStore
{
    /// <summary>Stores a notice owed to <paramref name="receivers"/> and returns it with its id.</summary>
    Task<NoticeRecord> AddNoticeAsync(NoticeRecord notice, IReadOnlyList<string> receivers, CancellationToken cancellationToken);

    /// <summary>The pending deliveries of one receiver, oldest notice first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<PendingDelivery>> PendingDeliveriesAsync(string receiver, int limit, CancellationToken cancellationToken);

    /// <summary>Records an attempt and what it leaves the delivery as (pending, delivered or given up).</summary>
    Task RecordAttemptAsync(long notice, string receiver, DeliveryAttempt attempt, DeliveryState after, CancellationToken cancellationToken);

    /// <summary>Notices matching the query, newest first, each with its deliveries (without their history).</summary>
    Task<IReadOnlyList<NoticeEntry>> ListNoticesAsync(NoticeQuery query, CancellationToken cancellationToken);

    /// <summary>One notice with every delivery and its history, or <c>null</c>.</summary>
    Task<NoticeEntry?> FindNoticeAsync(long id, CancellationToken cancellationToken);

    /// <summary>Makes every undelivered delivery of a notice pending again with its attempt count reset; returns the receivers made pending.</summary>
    Task<IReadOnlyList<string>> RetryNoticeAsync(long id, CancellationToken cancellationToken);
}
