using Microsoft.Data.Sqlite;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Compensation;

namespace Qingshui.Storage.Sqlite;

/// <summary>The compensation ledgers, in the same database as the readings they were computed from.</summary>
public sealed partial class SqliteStore : ILedgerStore
{
    /// <inheritdoc />
    public Task AppendAsync(Agreement agreement, IReadOnlyList<LedgerEvent> events, CancellationToken cancellationToken) =>
        AppendLedgerAsync(agreement, null, events, null, cancellationToken);

    /// <inheritdoc />
    public Task AppendAsync(Agreement agreement, int expectedEvents, IReadOnlyList<LedgerEvent> events, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return AppendLedgerAsync(agreement, expectedEvents, events, audit, cancellationToken);
    }

    private async Task AppendLedgerAsync(Agreement agreement, int? expectedEvents, IReadOnlyList<LedgerEvent> events, AuditRecord? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0 && audit is null)
        {
            return;
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            using SqliteTransaction transaction = _writer.BeginTransaction(deferred: false);
            // The transaction holds the write lock, so no other process can append between this count and the inserts.
            if (expectedEvents is int expected && CountLedgerEvents(transaction, agreement.Id) is var found && found != expected)
            {
                throw new LedgerConflictException(agreement.Id, expected, found);
            }

            using SqliteCommand insert = _writer.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO ledger_events (agreement, kind, recorded_at, body) VALUES ($agreement, $kind, $at, $body)";
            SqliteParameter kind = insert.Parameters.Add("$kind", SqliteType.Text), at = insert.Parameters.Add("$at", SqliteType.Integer);
            SqliteParameter body = insert.Parameters.Add("$body", SqliteType.Text);
            insert.Parameters.AddWithValue("$agreement", agreement.Id);
            foreach (LedgerEvent e in events)
            {
                kind.Value = e.GetType().Name;
                at.Value = e.At.ToUnixTimeMilliseconds();
                body.Value = LedgerJson.Write(e);
                insert.ExecuteNonQuery();
            }

            // The entry commits with the events or not at all: no ledger write without its audit entry.
            if (audit is not null)
            {
                AppendAudit(transaction, audit);
            }

            transaction.Commit();
        }
        catch (SqliteException e)
        {
            throw Wrap(e, "appending to a ledger");
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private int CountLedgerEvents(SqliteTransaction transaction, string agreementId)
    {
        using SqliteCommand count = _writer.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = "SELECT COUNT(*) FROM ledger_events WHERE agreement = $agreement";
        count.Parameters.AddWithValue("$agreement", agreementId);
        return Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<Ledger> LoadAsync(Agreement agreement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        IReadOnlyList<string> bodies = await QueryAsync(
            "SELECT body FROM ledger_events WHERE agreement = $agreement ORDER BY id",
            command => command.Parameters.AddWithValue("$agreement", agreement.Id),
            r => r.GetString(0), cancellationToken);
        return Ledger.Replay(agreement, bodies.Select(b => LedgerJson.Read(b, agreement.Id)));
    }

    /// <inheritdoc />
    public async Task<Agreement?> RecordedAgreementAsync(string agreementId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreementId);
        IReadOnlyList<string> bodies = await QueryAsync(
            "SELECT body FROM ledger_events WHERE agreement = $agreement AND kind = $kind ORDER BY id LIMIT 1",
            command =>
            {
                command.Parameters.AddWithValue("$agreement", agreementId);
                command.Parameters.AddWithValue("$kind", nameof(AgreementRecorded));
            },
            r => r.GetString(0), cancellationToken);
        return bodies.Count == 0 ? null : AgreementFile.Parse(((AgreementRecorded)LedgerJson.Read(bodies[0], agreementId)).Text).Agreement;
    }
}
