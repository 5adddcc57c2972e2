using Qingshui.Domain.Audit;

namespace Qingshui.Storage.Audit;

/// <summary>
/// The audit log: append-only and hash-chained. Appends are serialised (one writer at a time, across processes too), so
/// two writers cannot give two entries the same number or fork the chain.
/// </summary>
public interface IAuditStore
{
    /// <summary>Numbers and chains the record after the last entry, and stores it; returns the entry stored.</summary>
    Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>Entries newest first, filtered and paged as the query says.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="count"/> entries after <paramref name="afterSequence"/>, oldest first, as stored (for verification).</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(long afterSequence, int count, CancellationToken cancellationToken);
}
