using Microsoft.Data.Sqlite;
using Qingshui.Storage.Registration;

namespace Qingshui.Storage.Sqlite;

/// <summary>Data loggers waiting for an MN (HJ 212-2025 device registration).</summary>
public sealed partial class SqliteStore : IPendingRegistrationStore
{
    private const string PendingColumns =
        "id, logger_id, cpu_id, mac1, mac2, announced_mn, system_code, remote, node, first_seen, last_seen, assigned_mn";

    /// <inheritdoc />
    public Task<PendingAnnouncement> AnnouncePendingAsync(PendingRegistration device, int maxPending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        return InAccountTransactionAsync("holding an announced logger", (connection, transaction) =>
        {
            using SqliteCommand check = connection.CreateCommand();
            check.Transaction = transaction;
            check.CommandText = $"SELECT {PendingColumns} FROM pending_registrations WHERE logger_id = $logger";
            check.Parameters.AddWithValue("$logger", device.LoggerId);
            PendingRegistration? known;
            using (SqliteDataReader found = check.ExecuteReader())
            {
                known = found.Read() ? ReadPending(found) : null;
            }

            if (known is null && CountPending(connection, transaction) >= maxPending)
            {
                return PendingAnnouncement.Full;
            }

            if (known?.AssignedMn is not null && !known.SameHardwareAs(device))
            {
                return PendingAnnouncement.Conflicting;
            }

            using SqliteCommand write = connection.CreateCommand();
            write.Transaction = transaction;
            write.CommandText = """
                INSERT INTO pending_registrations (logger_id, cpu_id, mac1, mac2, announced_mn, system_code, remote, node, first_seen, last_seen)
                VALUES ($logger, $cpu, $mac1, $mac2, $mn, $st, $remote, $node, $seen, $seen)
                ON CONFLICT (logger_id) DO UPDATE SET cpu_id = excluded.cpu_id, mac1 = excluded.mac1, mac2 = excluded.mac2,
                    announced_mn = excluded.announced_mn, system_code = excluded.system_code, remote = excluded.remote, node = excluded.node,
                    last_seen = excluded.last_seen
                """;
            write.Parameters.AddWithValue("$logger", device.LoggerId);
            write.Parameters.AddWithValue("$cpu", (object?)device.CpuId ?? DBNull.Value);
            write.Parameters.AddWithValue("$mac1", (object?)device.Mac1 ?? DBNull.Value);
            write.Parameters.AddWithValue("$mac2", (object?)device.Mac2 ?? DBNull.Value);
            write.Parameters.AddWithValue("$mn", device.AnnouncedMn);
            write.Parameters.AddWithValue("$st", device.SystemCode);
            write.Parameters.AddWithValue("$remote", device.Remote);
            write.Parameters.AddWithValue("$node", device.Node);
            write.Parameters.AddWithValue("$seen", device.LastSeen.ToUnixTimeMilliseconds());
            write.ExecuteNonQuery();
            return known is null ? PendingAnnouncement.Added : PendingAnnouncement.Refreshed;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PendingRegistration?> PendingRegistrationAsync(string loggerId, CancellationToken cancellationToken)
    {
        IReadOnlyList<PendingRegistration> rows = await QueryAsync(
            $"SELECT {PendingColumns} FROM pending_registrations WHERE logger_id = $logger",
            c => c.Parameters.AddWithValue("$logger", loggerId), ReadPending, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PendingRegistration>> PendingRegistrationsAsync(long afterId, int limit, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {PendingColumns} FROM pending_registrations WHERE id > $after ORDER BY id LIMIT $limit",
            c =>
            {
                c.Parameters.AddWithValue("$after", afterId);
                c.Parameters.AddWithValue("$limit", limit);
            },
            ReadPending, cancellationToken);

    /// <inheritdoc />
    public Task<bool> AssignPendingAsync(string loggerId, string deviceId, CancellationToken cancellationToken) =>
        ChangePendingAsync("noting a logger's assigned MN", "UPDATE pending_registrations SET assigned_mn = $mn WHERE logger_id = $logger", loggerId, deviceId, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemovePendingAsync(string loggerId, CancellationToken cancellationToken) =>
        ChangePendingAsync("taking a logger off the pending list", "DELETE FROM pending_registrations WHERE logger_id = $logger", loggerId, null, cancellationToken);

    private Task<bool> ChangePendingAsync(string operation, string sql, string loggerId, string? deviceId, CancellationToken cancellationToken) =>
        InAccountTransactionAsync(operation, (connection, transaction) =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$logger", loggerId);
            if (deviceId is not null)
            {
                command.Parameters.AddWithValue("$mn", deviceId);
            }

            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);

    private static long CountPending(SqliteConnection connection, SqliteTransaction transaction)
    {
        using SqliteCommand count = connection.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = "SELECT count(*) FROM pending_registrations";
        return (long)count.ExecuteScalar()!;
    }

    private static PendingRegistration ReadPending(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
        r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10)), r.IsDBNull(11) ? null : r.GetString(11));
}
