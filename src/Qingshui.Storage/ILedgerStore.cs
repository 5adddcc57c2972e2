using Qingshui.Domain.Compensation;

namespace Qingshui.Storage;

/// <summary>Where compensation ledgers live: each agreement's events, appended, never edited.</summary>
public interface ILedgerStore
{
    /// <summary>Appends events to an agreement's ledger, in one transaction.</summary>
    Task AppendAsync(Agreement agreement, IReadOnlyList<LedgerEvent> events, CancellationToken cancellationToken);

    /// <summary>Rebuilds an agreement's ledger from its stored events.</summary>
    Task<Ledger> LoadAsync(Agreement agreement, CancellationToken cancellationToken);
}
