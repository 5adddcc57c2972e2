using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;

namespace Qingshui.Storage.Compensation;

/// <summary>
/// Keeps an agreement's books from the stored readings: gathers each section's observations from its stations,
/// computes the accounts, records what changed in the ledger, and produces the statement. Also the sign-off commands.
/// </summary>
public sealed class SettlementService(IReadingStore readings, ILedgerStore ledgers, TimeProvider clock)
{
    /// <summary>The year's statement as the ledger stands now, without recomputing anything.</summary>
    public async Task<Statement> StatementAsync(Agreement agreement, int year, CancellationToken cancellationToken) =>
        Statement.FromLedger(await ledgers.LoadAsync(agreement, cancellationToken), year, clock.GetUtcNow());

    /// <summary>Observations of every agreement section over the year and the one before (rules compare years).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<Observation>>> ObservationsAsync(Agreement agreement, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var offset = TimeSpan.FromHours(8);
        var from = new DateTimeOffset(year - 1, 1, 1, 0, 0, 0, offset);
        var to = new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, offset);
        var result = new Dictionary<string, IReadOnlyList<Observation>>(StringComparer.Ordinal);
        foreach (AgreementSection section in agreement.Sections)
        {
            result[section.Id] = await ReadingSelection.ObservationsAsync(readings, section.Stations, from, to, cancellationToken);
        }

        return result;
    }

    /// <summary>Recomputes the year from the stored readings, records drafts and adjustments, and returns the statement as the ledger now stands.</summary>
    public async Task<Statement> RecomputeAsync(Agreement agreement, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        Ledger ledger = await ledgers.LoadAsync(agreement, cancellationToken);
        IReadOnlyDictionary<string, IReadOnlyList<Observation>> observations = await ObservationsAsync(agreement, year, cancellationToken);
        // Periods not begun get no account, the one under way is in progress (not recorded); see CompensationEngine.Compute.
        DateTimeOffset now = clock.GetUtcNow();
        IReadOnlyList<PeriodAccount> accounts = CompensationEngine.Compute(agreement, year, observations, ledger.Decisions, now);
        LedgerResult recorded = ledger.Record(accounts, now);
        await ledgers.AppendAsync(agreement, recorded.Events, cancellationToken);
        return Statement.FromLedger(Ledger.Replay(agreement, [.. ledger.Events, .. recorded.Events]), year, now);
    }

    /// <summary>Runs a ledger command and stores its events; returns the refusal, if any.</summary>
    public async Task<LedgerError?> ApplyAsync(Agreement agreement, Func<Ledger, LedgerResult> command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        Ledger ledger = await ledgers.LoadAsync(agreement, cancellationToken);
        LedgerResult result = command(ledger);
        if (result.Error is null)
        {
            await ledgers.AppendAsync(agreement, result.Events, cancellationToken);
        }

        return result.Error;
    }

    /// <summary>Settles a year: the statement as it stands, its hash recorded as the one both parties hold.</summary>
    public async Task<(Statement? Statement, LedgerError? Error)> CloseAsync(Agreement agreement, int year, string by, CancellationToken cancellationToken)
    {
        Ledger ledger = await ledgers.LoadAsync(agreement, cancellationToken);
        Statement statement = Statement.FromLedger(ledger, year, clock.GetUtcNow());
        LedgerResult result = ledger.Settle(year, statement.ContentHash, by, clock.GetUtcNow());
        if (result.Error is not null)
        {
            return (null, result.Error);
        }

        await ledgers.AppendAsync(agreement, result.Events, cancellationToken);
        return (Statement.FromLedger(Ledger.Replay(agreement, [.. ledger.Events, .. result.Events]), year, clock.GetUtcNow()), null);
    }
}
