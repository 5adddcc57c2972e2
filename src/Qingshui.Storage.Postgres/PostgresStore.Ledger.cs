using Npgsql;
using NpgsqlTypes;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Compensation;

namespace Qingshui.Storage.Postgres;

/// <summary>The compensation ledgers (migration 0002): appends to one agreement's ledger are serialised across nodes.</summary>
public sealed partial class PostgresStore : ILedgerStore
{
    // The first half of a two-part advisory key (the second is the agreement's hash): a lock per ledger, not one for all.
    private const int LedgerLockClass = 0x5149_4C47; // "QILG"

    /// <inheritdoc />
    public Task AppendAsync(Agreement agreement, IReadOnlyList<LedgerEvent> events, CancellationToken cancellationToken) =>
        AppendLedgerAsync(agreement, null, events, null, cancellationToken);

    /// <inheritdoc />
    public Task AppendAsync(Agreement agreement, int expectedEvents, IReadOnlyList<LedgerEvent> events, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return AppendLedgerAsync(agreement, expectedEvents, events, audit, cancellationToken);
    }

    private Task AppendLedgerAsync(Agreement agreement, int? expectedEvents, IReadOnlyList<LedgerEvent> events, AuditRecord? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0 && audit is null)
        {
            return Task.CompletedTask;
        }

        return InRecordsTransactionAsync("appending to a ledger", async (connection, transaction) =>
        {
            // The ledger's lock is held to commit: another node's append to this ledger waits, then counts what this one wrote.
            await using (NpgsqlCommand lockLedger = RecordSql.Command(connection, transaction, "SELECT pg_advisory_xact_lock(@class, hashtext(@agreement))"))
            {
                await lockLedger.Add("class", NpgsqlDbType.Integer, LedgerLockClass).Add("agreement", NpgsqlDbType.Text, agreement.Id)
                    .ExecuteNonQueryAsync(cancellationToken);
            }

            if (expectedEvents is int expected && await CountLedgerEventsAsync(connection, transaction, agreement.Id, cancellationToken) is var found && found != expected)
            {
                throw new LedgerConflictException(agreement.Id, expected, found);
            }

            await InsertLedgerEventsAsync(connection, transaction, agreement.Id, events, cancellationToken);

            // The entry commits with the events or not at all: no ledger write without its audit entry.
            if (audit is not null)
            {
                await AppendAuditAsync(connection, transaction, audit, cancellationToken);
            }

            return true;
        }, cancellationToken);
    }

    private static async Task<int> CountLedgerEventsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string agreementId, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand count = RecordSql.Command(connection, transaction, "SELECT COUNT(*) FROM ledger_events WHERE agreement = @agreement");
        count.Add("agreement", NpgsqlDbType.Text, agreementId);
        return checked((int)(long)(await count.ExecuteScalarAsync(cancellationToken))!);
    }

    private static async Task InsertLedgerEventsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string agreementId, IReadOnlyList<LedgerEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        // One round trip, one statement per event in the events' order: ids number them as the ledger replays them.
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (LedgerEvent e in events)
        {
            var insert = new NpgsqlBatchCommand("INSERT INTO ledger_events (agreement, kind, recorded_at, body) VALUES (@agreement, @kind, @at, @body)");
            insert.Parameters.Add(new NpgsqlParameter("agreement", NpgsqlDbType.Text) { Value = agreementId });
            insert.Parameters.Add(new NpgsqlParameter("kind", NpgsqlDbType.Text) { Value = e.GetType().Name });
            insert.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.Bigint) { Value = e.At.ToUnixTimeMilliseconds() });
            insert.Parameters.Add(new NpgsqlParameter("body", NpgsqlDbType.Text) { Value = LedgerJson.Write(e) });
            batch.BatchCommands.Add(insert);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Ledger> LoadAsync(Agreement agreement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        IReadOnlyList<string> bodies = await QueryRecordsAsync("loading a ledger",
            "SELECT body FROM ledger_events WHERE agreement = @agreement ORDER BY id",
            command => command.Add("agreement", NpgsqlDbType.Text, agreement.Id), r => r.GetString(0), cancellationToken);
        return Ledger.Replay(agreement, bodies.Select(b => LedgerJson.Read(b, agreement.Id)));
    }

    /// <inheritdoc />
    public async Task<Agreement?> RecordedAgreementAsync(string agreementId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreementId);
        IReadOnlyList<string> bodies = await QueryRecordsAsync("reading a recorded agreement",
            "SELECT body FROM ledger_events WHERE agreement = @agreement AND kind = @kind ORDER BY id LIMIT 1",
            command => command.Add("agreement", NpgsqlDbType.Text, agreementId).Add("kind", NpgsqlDbType.Text, nameof(AgreementRecorded)),
            r => r.GetString(0), cancellationToken);
        return bodies.Count == 0 ? null : AgreementFile.Parse(((AgreementRecorded)LedgerJson.Read(bodies[0], agreementId)).Text).Agreement;
    }
}
