using Microsoft.Data.Sqlite;
using Qingshui.Storage.Joint;

namespace Qingshui.Storage.Sqlite;

/// <summary>Receipts of shared records: the first delivery and the first opening per organisation are kept, later ones change nothing.</summary>
public sealed partial class SqliteStore : IReceiptStore
{
    /// <inheritdoc />
    public Task DeliverAsync(string kind, string id, IReadOnlyList<string> organisations, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        return InAccountTransactionAsync("recording deliveries", (connection, transaction) =>
        {
            foreach (string organisation in organisations.Distinct(StringComparer.Ordinal))
            {
                using SqliteCommand upsert = connection.CreateCommand();
                upsert.Transaction = transaction;
                upsert.CommandText = """
                    INSERT INTO receipts (kind, record, organisation, delivered_at) VALUES ($kind, $record, $organisation, $at)
                    ON CONFLICT (kind, record, organisation) DO UPDATE SET delivered_at = excluded.delivered_at WHERE delivered_at IS NULL
                    """;
                upsert.Parameters.AddWithValue("$kind", kind);
                upsert.Parameters.AddWithValue("$record", id);
                upsert.Parameters.AddWithValue("$organisation", organisation);
                upsert.Parameters.AddWithValue("$at", StoredText.Time(at));
                upsert.ExecuteNonQuery();
            }

            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> OpenedAsync(string kind, string id, string organisation, string user, DateTimeOffset at, CancellationToken cancellationToken) =>
        InAccountTransactionAsync("recording an opening", (connection, transaction) =>
        {
            using SqliteCommand upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO receipts (kind, record, organisation, opened_at, opened_by) VALUES ($kind, $record, $organisation, $at, $user)
                ON CONFLICT (kind, record, organisation) DO UPDATE SET opened_at = excluded.opened_at, opened_by = excluded.opened_by WHERE opened_at IS NULL
                """;
            upsert.Parameters.AddWithValue("$kind", kind);
            upsert.Parameters.AddWithValue("$record", id);
            upsert.Parameters.AddWithValue("$organisation", organisation);
            upsert.Parameters.AddWithValue("$at", StoredText.Time(at));
            upsert.Parameters.AddWithValue("$user", user);
            return upsert.ExecuteNonQuery() == 1;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Receipt>> ReceiptsAsync(string kind, string id, CancellationToken cancellationToken) =>
        QueryAsync("SELECT kind, record, organisation, delivered_at, opened_at, opened_by FROM receipts WHERE kind = $kind AND record = $record ORDER BY organisation",
            c =>
            {
                c.Parameters.AddWithValue("$kind", kind);
                c.Parameters.AddWithValue("$record", id);
            },
            r => new Receipt(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : StoredText.ParseTime(r.GetString(3)),
                r.IsDBNull(4) ? null : StoredText.ParseTime(r.GetString(4)), r.IsDBNull(5) ? null : r.GetString(5)),
            cancellationToken);
}
