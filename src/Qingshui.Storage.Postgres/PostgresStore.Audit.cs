using Npgsql;
using NpgsqlTypes;
using Qingshui.Domain.Audit;
using Qingshui.Storage.Audit;

namespace Qingshui.Storage.Postgres;

/// <summary>The audit log (migration 0002): one chain for every node, appended under one advisory lock.</summary>
public sealed partial class PostgresStore : IAuditStore
{
    // Held by the transaction that appends: a node reading the chain's head waits until the one before has committed its entry.
    private const long AuditChainLockKey = 0x5149_4155_4449_5431; // "QIAUDIT1"

    private const string AuditColumns = "sequence, at, actor, organisation, action, target, outcome, reason, before, after, remote, previous_hash, hash";

    private static readonly string[] AuditGuards = ["audit_log_no_update", "audit_log_no_delete", "audit_log_no_truncate"];

    /// <inheritdoc />
    public Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return InRecordsTransactionAsync("appending to the audit log",
            (connection, transaction) => AppendAuditAsync(connection, transaction, record, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, AuditQuery.MaxLimit);
        return QueryRecordsAsync("listing the audit log",
            $"""
            SELECT {AuditColumns} FROM audit_log
            WHERE (@before IS NULL OR sequence < @before) AND (@organisation IS NULL OR organisation = @organisation)
              AND (@actor IS NULL OR actor = @actor) AND (@action IS NULL OR action = @action)
            ORDER BY sequence DESC LIMIT @limit
            """,
            command => command
                .Add("before", NpgsqlDbType.Bigint, query.BeforeSequence)
                .Add("organisation", NpgsqlDbType.Text, query.Organisation)
                .Add("actor", NpgsqlDbType.Text, query.Actor)
                .Add("action", NpgsqlDbType.Text, query.Action)
                .Add("limit", NpgsqlDbType.Integer, query.Limit),
            ReadAuditEntry, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntry>> ReadAsync(long afterSequence, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return QueryRecordsAsync("reading the audit log",
            $"SELECT {AuditColumns} FROM audit_log WHERE sequence > @after ORDER BY sequence LIMIT @count",
            command => command.Add("after", NpgsqlDbType.Bigint, afterSequence).Add("count", NpgsqlDbType.Integer, count),
            ReadAuditEntry, cancellationToken);
    }

    /// <summary>
    /// The triggers that keep <c>audit_log</c> append-only which no longer guard it: dropped, disabled, enabled for
    /// replication only (<c>ENABLE REPLICA TRIGGER</c>: an ordinary session then skips it), moved off its event or after
    /// it, or pointed at a function that no longer refuses. Only someone with rights over the schema does that; the chain
    /// still shows whether entries were then altered.
    /// </summary>
    public async Task<IReadOnlyList<string>> MissingAuditGuardsAsync(CancellationToken cancellationToken)
    {
        // tgtype bits: 2 BEFORE, 8 DELETE, 16 UPDATE, 32 TRUNCATE; tgenabled 'O' fires in ordinary sessions, 'A' always.
        IReadOnlyList<string> present = await QueryRecordsAsync("reading the audit log's triggers",
            """
            SELECT t.tgname FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE t.tgrelid = 'audit_log'::regclass AND NOT t.tgisinternal AND t.tgenabled IN ('O', 'A') AND (t.tgtype & 2) <> 0
              AND (t.tgtype & CASE t.tgname WHEN 'audit_log_no_update' THEN 16 WHEN 'audit_log_no_delete' THEN 8 WHEN 'audit_log_no_truncate' THEN 32 ELSE 0 END) <> 0
              AND p.proname = 'ledger_audit_append_only' AND p.prosrc LIKE '%RAISE EXCEPTION%'
            """,
            _ => { }, r => r.GetString(0), cancellationToken);
        return [.. AuditGuards.Where(g => !present.Contains(g, StringComparer.Ordinal))];
    }

    /// <summary>
    /// Chains the record after the last stored entry and inserts it, inside the caller's transaction, so that a write and
    /// its entry commit together. The advisory lock is held to the transaction's end: take it last, after any row locks.
    /// </summary>
    internal static async Task<AuditEntry> AppendAuditAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, AuditRecord record, CancellationToken cancellationToken)
    {
        await using (NpgsqlCommand lockChain = RecordSql.Command(connection, transaction, "SELECT pg_advisory_xact_lock(@key)"))
        {
            lockChain.Add("key", NpgsqlDbType.Bigint, AuditChainLockKey);
            await lockChain.ExecuteNonQueryAsync(cancellationToken);
        }

        // Read committed: this statement's snapshot is taken after the lock, so it sees the entry of whoever held it before.
        AuditEntry? last;
        await using (NpgsqlCommand head = RecordSql.Command(connection, transaction, $"SELECT {AuditColumns} FROM audit_log ORDER BY sequence DESC LIMIT 1"))
        {
            last = (await RecordSql.ReadAllAsync(head, ReadAuditEntry, cancellationToken)).SingleOrDefault();
        }

        AuditEntry entry = AuditChain.Next(last, record);
        await using NpgsqlCommand insert = RecordSql.Command(connection, transaction, $"""
            INSERT INTO audit_log ({AuditColumns})
            VALUES (@sequence, @at, @actor, @organisation, @action, @target, @outcome, @reason, @before, @after, @remote, @previous, @hash)
            """);
        insert.Add("sequence", NpgsqlDbType.Bigint, entry.Sequence)
            .Add("at", NpgsqlDbType.Bigint, record.At.ToUnixTimeMilliseconds())
            .Add("actor", NpgsqlDbType.Text, record.Actor)
            .Add("organisation", NpgsqlDbType.Text, record.Organisation)
            .Add("action", NpgsqlDbType.Text, record.Action)
            .Add("target", NpgsqlDbType.Text, record.Target)
            .Add("outcome", NpgsqlDbType.Text, record.Outcome == AuditOutcome.Done ? "done" : "refused")
            .Add("reason", NpgsqlDbType.Text, record.Reason)
            .Add("before", NpgsqlDbType.Text, record.Before)
            .Add("after", NpgsqlDbType.Text, record.After)
            .Add("remote", NpgsqlDbType.Text, record.RemoteAddress)
            .Add("previous", NpgsqlDbType.Text, entry.PreviousHash)
            .Add("hash", NpgsqlDbType.Text, entry.Hash);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return entry;
    }

    // Read as stored, without judging: an unknown outcome word reads as refused, and the hash check then reports the entry.
    private static AuditEntry ReadAuditEntry(NpgsqlDataReader r) => new(
        r.GetInt64(0),
        new AuditRecord(
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
            r.GetString(6) == "done" ? AuditOutcome.Done : AuditOutcome.Refused,
            RecordSql.NullableText(r, 7), RecordSql.NullableText(r, 8), RecordSql.NullableText(r, 9), RecordSql.NullableText(r, 10)),
        r.GetString(11), r.GetString(12));
}
