using Qingshui.Domain.Audit;
using Qingshui.Domain.Compensation;

namespace Qingshui.Storage;

/// <summary>Where compensation ledgers live: each agreement's events, appended, never edited.</summary>
public interface ILedgerStore
{
    /// <summary>Appends events to an agreement's ledger, in one transaction.</summary>
    Task AppendAsync(Agreement agreement, IReadOnlyList<LedgerEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// Appends events to an agreement's ledger and the audit entry that records them, in one transaction, only if the
    /// ledger still holds <paramref name="expectedEvents"/> events, the number the command was decided on; otherwise
    /// nothing is written and <see cref="LedgerConflictException"/> is thrown (someone wrote in between: load and decide again).
    /// </summary>
    Task AppendAsync(Agreement agreement, int expectedEvents, IReadOnlyList<LedgerEvent> events, AuditRecord audit, CancellationToken cancellationToken);

    /// <summary>Rebuilds an agreement's ledger from its stored events (the agreement given is the one as it now reads).</summary>
    Task<Ledger> LoadAsync(Agreement agreement, CancellationToken cancellationToken);

    /// <summary>The agreement as recorded when the books with this id were opened; null when there are none.</summary>
    Task<Agreement?> RecordedAgreementAsync(string agreementId, CancellationToken cancellationToken);
}
