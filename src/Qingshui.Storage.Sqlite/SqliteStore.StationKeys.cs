using Microsoft.Data.Sqlite;

namespace Qingshui.Storage.Sqlite;

/// <summary>Stations' sealed data-area keys.</summary>
public sealed partial class SqliteStore : IStationKeyStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<StationKeyRecord>> StationKeysAsync(CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT mn, current_key, previous_key, previous_until, changed_at FROM station_keys ORDER BY mn",
            _ => { },
            r => new StationKeyRecord(
                r.GetString(0), (byte[])r.GetValue(1), r.IsDBNull(2) ? null : (byte[])r.GetValue(2),
                r.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4))),
            cancellationToken);

    /// <inheritdoc />
    public Task PutStationKeyAsync(StationKeyRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return InAccountTransactionAsync("storing a station key", (connection, transaction) =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO station_keys (mn, current_key, previous_key, previous_until, changed_at)
                VALUES ($mn, $current, $previous, $until, $changed)
                ON CONFLICT (mn) DO UPDATE SET current_key = excluded.current_key, previous_key = excluded.previous_key,
                    previous_until = excluded.previous_until, changed_at = excluded.changed_at
                """;
            command.Parameters.AddWithValue("$mn", record.StationId);
            command.Parameters.AddWithValue("$current", record.Current);
            command.Parameters.AddWithValue("$previous", (object?)record.Previous ?? DBNull.Value);
            command.Parameters.AddWithValue("$until", (object?)record.PreviousUntil?.ToUnixTimeMilliseconds() ?? DBNull.Value);
            command.Parameters.AddWithValue("$changed", record.ChangedAt.ToUnixTimeMilliseconds());
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }
}
