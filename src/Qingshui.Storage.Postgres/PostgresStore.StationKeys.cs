using NpgsqlTypes;
using static Qingshui.Storage.Postgres.AccountRows;

namespace Qingshui.Storage.Postgres;

/// <summary>Stations' sealed data-area keys.</summary>
public sealed partial class PostgresStore : IStationKeyStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<StationKeyRecord>> StationKeysAsync(CancellationToken cancellationToken) =>
        AccountRowsAsync("reading station keys",
            "SELECT mn, current_key, previous_key, previous_until, changed_at FROM station_keys ORDER BY mn",
            _ => { },
            r => new StationKeyRecord(
                r.GetString(0), r.GetFieldValue<byte[]>(1), r.IsDBNull(2) ? null : r.GetFieldValue<byte[]>(2), Time(r, 3), Time(r.GetInt64(4))),
            cancellationToken);

    /// <inheritdoc />
    public Task PutStationKeyAsync(StationKeyRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return AccountWriteAsync("storing a station key", connection => ChangeOnAsync(connection, """
            INSERT INTO station_keys (mn, current_key, previous_key, previous_until, changed_at)
            VALUES (@mn, @current, @previous, @until, @changed)
            ON CONFLICT (mn) DO UPDATE SET current_key = excluded.current_key, previous_key = excluded.previous_key,
                previous_until = excluded.previous_until, changed_at = excluded.changed_at
            """, p =>
        {
            p.AddWithValue("mn", record.StationId);
            p.AddWithValue("current", record.Current);
            p.Add(Maybe("previous", NpgsqlDbType.Bytea, record.Previous));
            p.Add(Maybe("until", NpgsqlDbType.Bigint, record.PreviousUntil?.ToUnixTimeMilliseconds()));
            p.AddWithValue("changed", record.ChangedAt.ToUnixTimeMilliseconds());
        }, cancellationToken), cancellationToken);
    }
}
