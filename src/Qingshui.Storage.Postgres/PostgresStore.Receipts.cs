using Npgsql;
using Qingshui.Storage.Joint;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// Receipts of shared records: the first delivery and the first opening per organisation are kept, later ones change
/// nothing. Two nodes recording at once meet on the row's key: the second waits, then sees the first's time and keeps it.
/// </summary>
public sealed partial class PostgresStore : IReceiptStore
{
    /// <inheritdoc />
    public Task DeliverAsync(string kind, string id, IReadOnlyList<string> organisations, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        return JointWriteAsync("recording deliveries", async (connection, transaction) =>
        {
            // In a stable order, so that two nodes delivering to the same organisations lock their rows in the same order.
            foreach (string organisation in organisations.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                await using NpgsqlCommand upsert = JointCommand(connection, transaction, """
                    INSERT INTO receipts (kind, record, organisation, delivered_at) VALUES (@kind, @record, @organisation, @at)
                    ON CONFLICT (kind, record, organisation) DO UPDATE SET delivered_at = excluded.delivered_at WHERE receipts.delivered_at IS NULL
                    """);
                upsert.Parameters.AddWithValue("kind", kind);
                upsert.Parameters.AddWithValue("record", id);
                upsert.Parameters.AddWithValue("organisation", organisation);
                upsert.Parameters.AddWithValue("at", JointTime(at));
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }

            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> OpenedAsync(string kind, string id, string organisation, string user, DateTimeOffset at, CancellationToken cancellationToken) =>
        JointWriteAsync("recording an opening", async (connection, transaction) =>
        {
            await using NpgsqlCommand upsert = JointCommand(connection, transaction, """
                INSERT INTO receipts (kind, record, organisation, opened_at, opened_by) VALUES (@kind, @record, @organisation, @at, @user)
                ON CONFLICT (kind, record, organisation) DO UPDATE SET opened_at = excluded.opened_at, opened_by = excluded.opened_by
                WHERE receipts.opened_at IS NULL
                """);
            upsert.Parameters.AddWithValue("kind", kind);
            upsert.Parameters.AddWithValue("record", id);
            upsert.Parameters.AddWithValue("organisation", organisation);
            upsert.Parameters.AddWithValue("at", JointTime(at));
            upsert.Parameters.AddWithValue("user", user);
            return await upsert.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Receipt>> ReceiptsAsync(string kind, string id, CancellationToken cancellationToken) =>
        JointQueryAsync("SELECT kind, record, organisation, delivered_at, opened_at, opened_by FROM receipts WHERE kind = @kind AND record = @record ORDER BY organisation",
            c =>
            {
                c.Parameters.AddWithValue("kind", kind);
                c.Parameters.AddWithValue("record", id);
            },
            r => new Receipt(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : ParseJointTime(r.GetString(3)),
                r.IsDBNull(4) ? null : ParseJointTime(r.GetString(4)), r.IsDBNull(5) ? null : r.GetString(5)),
            cancellationToken);
}
