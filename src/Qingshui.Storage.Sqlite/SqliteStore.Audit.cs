using Microsoft.Data.Sqlite;
using Qingshui.Domain.Audit;
using Qingshui.Storage.Audit;

namespace Qingshui.Storage.Sqlite;

/// <summary>The audit log, in the same database as what it audits (migration 0005).</summary>
public sealed partial class SqliteStore : IAuditStore
{
    private const string AuditColumns = "sequence, at, actor, organisation, action, target, outcome, reason, before, after, remote, previous_hash, hash";

    /// <inheritdoc />
    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            // BEGIN IMMEDIATE: another process appending waits here, so the last entry read below is still the last at insert.
            using SqliteTransaction transaction = _writer.BeginTransaction(deferred: false);
            AuditEntry entry = AppendAudit(transaction, record);
            transaction.Commit();
            return entry;
        }
        catch (SqliteException e)
        {
            throw Wrap(e, "appending to the audit log");
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, AuditQuery.MaxLimit);
        return QueryAsync(
            $"""
            SELECT {AuditColumns} FROM audit_log
            WHERE ($before IS NULL OR sequence < $before) AND ($organisation IS NULL OR organisation = $organisation)
              AND ($actor IS NULL OR actor = $actor) AND ($action IS NULL OR action = $action)
            ORDER BY sequence DESC LIMIT $limit
            """,
            command =>
            {
                command.Parameters.AddWithValue("$before", (object?)query.BeforeSequence ?? DBNull.Value);
                command.Parameters.AddWithValue("$organisation", (object?)query.Organisation ?? DBNull.Value);
                command.Parameters.AddWithValue("$actor", (object?)query.Actor ?? DBNull.Value);
                command.Parameters.AddWithValue("$action", (object?)query.Action ?? DBNull.Value);
                command.Parameters.AddWithValue("$limit", query.Limit);
            },
            ReadAuditEntry, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntry>> ReadAsync(long afterSequence, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return QueryAsync(
            $"SELECT {AuditColumns} FROM audit_log WHERE sequence > $after ORDER BY sequence LIMIT $count",
            command =>
            {
                command.Parameters.AddWithValue("$after", afterSequence);
                command.Parameters.AddWithValue("$count", count);
            },
            ReadAuditEntry, cancellationToken);
    }

    /// <summary>
    /// The triggers that keep <c>audit_log</c> append-only which are no longer in the file. Only someone editing the file
    /// outside Qingshui removes them; the chain still shows whether entries were then altered.
    /// </summary>
    public async Task<IReadOnlyList<string>> MissingAuditGuardsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> present = await QueryAsync(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'", _ => { }, r => r.GetString(0), cancellationToken);
        return [.. AuditGuards.Where(g => !present.Contains(g, StringComparer.Ordinal))];
    }

    private static readonly string[] AuditGuards = ["audit_log_no_update", "audit_log_no_delete"];

    /// <summary>Chains the record after the last stored entry and inserts it, inside the caller's transaction (under the write lock).</summary>
    private AuditEntry AppendAudit(SqliteTransaction transaction, AuditRecord record)
    {
        using SqliteCommand command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {AuditColumns} FROM audit_log ORDER BY sequence DESC LIMIT 1";
        AuditEntry? last;
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            last = reader.Read() ? ReadAuditEntry(reader) : null;
        }

        AuditEntry entry = AuditChain.Next(last, record);
        command.CommandText = $"""
            INSERT INTO audit_log ({AuditColumns})
            VALUES ($sequence, $at, $actor, $organisation, $action, $target, $outcome, $reason, $before, $after, $remote, $previous, $hash)
            """;
        command.Parameters.AddWithValue("$sequence", entry.Sequence);
        command.Parameters.AddWithValue("$at", record.At.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$actor", record.Actor);
        command.Parameters.AddWithValue("$organisation", record.Organisation);
        command.Parameters.AddWithValue("$action", record.Action);
        command.Parameters.AddWithValue("$target", record.Target);
        command.Parameters.AddWithValue("$outcome", OutcomeText(record.Outcome));
        command.Parameters.AddWithValue("$reason", (object?)record.Reason ?? DBNull.Value);
        command.Parameters.AddWithValue("$before", (object?)record.Before ?? DBNull.Value);
        command.Parameters.AddWithValue("$after", (object?)record.After ?? DBNull.Value);
        command.Parameters.AddWithValue("$remote", (object?)record.RemoteAddress ?? DBNull.Value);
        command.Parameters.AddWithValue("$previous", entry.PreviousHash);
        command.Parameters.AddWithValue("$hash", entry.Hash);
        command.ExecuteNonQuery();
        return entry;
    }

    private static string OutcomeText(AuditOutcome outcome) => outcome == AuditOutcome.Done ? "done" : "refused";

    // Read as stored, without judging: an unknown outcome word reads as refused, and the hash check then reports the entry.
    private static AuditEntry ReadAuditEntry(SqliteDataReader r) => new(
        r.GetInt64(0),
        new AuditRecord(
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
            r.GetString(6) == "done" ? AuditOutcome.Done : AuditOutcome.Refused,
            NullableText(r, 7), NullableText(r, 8), NullableText(r, 9), NullableText(r, 10)),
        r.GetString(11), r.GetString(12));

    private static string? NullableText(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}
