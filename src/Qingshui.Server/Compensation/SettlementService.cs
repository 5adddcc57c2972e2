using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;
using Qingshui.Storage;

namespace Qingshui.Server.Compensation;

/// <summary>
/// Keeps an agreement's books from the stored readings: gathers each section's observations from its stations,
/// computes the accounts, records what changed in the ledger, and produces the statement. Also the sign-off commands.
/// </summary>
internal sealed class SettlementService(IReadingStore readings, ILedgerStore ledgers, TimeProvider clock)
{
    /// <summary>Observations of every agreement section over the year and the one before (rules compare years).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<Observation>>> ObservationsAsync(Agreement agreement, int year, CancellationToken cancellationToken)
    {
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
        Ledger ledger = await ledgers.LoadAsync(agreement, cancellationToken);
        IReadOnlyDictionary<string, IReadOnlyList<Observation>> observations = await ObservationsAsync(agreement, year, cancellationToken);
        // A period that has not begun has no account yet (rather than an undetermined one).
        DateOnly today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        PeriodAccount[] accounts = CompensationEngine.Compute(agreement, year, observations, ledger.Decisions).Where(a => a.Period.Start <= today).ToArray();
        LedgerResult recorded = ledger.Record(accounts, clock.GetUtcNow());
        await ledgers.AppendAsync(agreement, recorded.Events, cancellationToken);
        return Statement.FromLedger(Ledger.Replay(agreement, [.. ledger.Events, .. recorded.Events]), year);
    }

    /// <summary>Runs a ledger command and stores its events; returns the refusal, if any.</summary>
    public async Task<LedgerError?> ApplyAsync(Agreement agreement, Func<Ledger, LedgerResult> command, CancellationToken cancellationToken)
    {
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
        Statement statement = Statement.FromLedger(ledger, year);
        LedgerResult result = ledger.Settle(year, statement.ContentHash, by, clock.GetUtcNow());
        if (result.Error is not null)
        {
            return (null, result.Error);
        }

        await ledgers.AppendAsync(agreement, result.Events, cancellationToken);
        return (Statement.FromLedger(Ledger.Replay(agreement, [.. ledger.Events, .. result.Events]), year), null);
    }
}
