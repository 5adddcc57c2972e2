namespace Qingshui.Storage.Registration;

/// <summary>
/// The data loggers waiting for an MN (HJ 212-2025 device registration), one row per logger id, shared by every node
/// on one store.
/// </summary>
public interface IPendingRegistrationStore
{
    /// <summary>
    /// Adds the logger, or refreshes it when it is pending already (its first-seen time and assigned MN are kept); adds
    /// none beyond <paramref name="maxPending"/> loggers. Once it has an MN assigned, an announcement whose CPU id or MACs
    /// differ from those recorded writes nothing (<see cref="PendingAnnouncement.Conflicting"/>). The check and the write
    /// are one transaction, so two nodes announcing at once never pass the bound nor change an assigned identity.
    /// </summary>
    Task<PendingAnnouncement> AnnouncePendingAsync(PendingRegistration device, int maxPending, CancellationToken cancellationToken);

    /// <summary>One pending logger, or <c>null</c>.</summary>
    Task<PendingRegistration?> PendingRegistrationAsync(string loggerId, CancellationToken cancellationToken);

    /// <summary>Pending loggers in the order they first announced themselves, those after <paramref name="afterId"/>, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<PendingRegistration>> PendingRegistrationsAsync(long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>Notes the MN registered for a pending logger; false when it is no longer pending.</summary>
    Task<bool> AssignPendingAsync(string loggerId, string deviceId, CancellationToken cancellationToken);

    /// <summary>Takes a logger off the list (assigned and confirmed, or turned away); false when it was not on it.</summary>
    Task<bool> RemovePendingAsync(string loggerId, CancellationToken cancellationToken);
}
