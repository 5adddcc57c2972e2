using Npgsql;
using NpgsqlTypes;
using Qingshui.Storage.Registration;
using static Qingshui.Storage.Postgres.AccountRows;

namespace Qingshui.Storage.Postgres;

/// <summary>Data loggers waiting for an MN (HJ 212-2025 device registration), shared by the nodes.</summary>
public sealed partial class PostgresStore : IPendingRegistrationStore
{
    private const string PendingColumns =
        "id, logger_id, cpu_id, mac1, mac2, announced_mn, system_code, remote, node, first_seen, last_seen, assigned_mn";

    /// <inheritdoc />
    public Task<PendingAnnouncement> AnnouncePendingAsync(PendingRegistration device, int maxPending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        return AccountWriteAsync("holding an announced logger", async connection =>
        {
            // Two nodes counting at once could both see room for one more: announcements take turns on the table (they
            // are few, bounded per address), as SQLite's single writer makes them.
            await ChangeOnAsync(connection, "LOCK TABLE pending_registrations IN SHARE ROW EXCLUSIVE MODE", _ => { }, cancellationToken);
            PendingRegistration? known = FirstOrNull(await RowsOnAsync(connection,
                $"SELECT {PendingColumns} FROM pending_registrations WHERE logger_id = @logger",
                p => p.AddWithValue("logger", device.LoggerId), ReadPending, cancellationToken));
            if (known is null && (await RowsOnAsync(connection, "SELECT count(*) FROM pending_registrations", _ => { }, r => r.GetInt64(0),
                cancellationToken))[0] >= maxPending)
            {
                return PendingAnnouncement.Full;
            }

            if (known?.AssignedMn is not null && !known.SameHardwareAs(device))
            {
                return PendingAnnouncement.Conflicting;
            }

            await ChangeOnAsync(connection, """
                INSERT INTO pending_registrations (logger_id, cpu_id, mac1, mac2, announced_mn, system_code, remote, node, first_seen, last_seen)
                VALUES (@logger, @cpu, @mac1, @mac2, @mn, @st, @remote, @node, @seen, @seen)
                ON CONFLICT (logger_id) DO UPDATE SET cpu_id = excluded.cpu_id, mac1 = excluded.mac1, mac2 = excluded.mac2,
                    announced_mn = excluded.announced_mn, system_code = excluded.system_code, remote = excluded.remote, node = excluded.node,
                    last_seen = excluded.last_seen
                """, p =>
            {
                p.AddWithValue("logger", device.LoggerId);
                p.Add(Maybe("cpu", NpgsqlDbType.Text, device.CpuId));
                p.Add(Maybe("mac1", NpgsqlDbType.Text, device.Mac1));
                p.Add(Maybe("mac2", NpgsqlDbType.Text, device.Mac2));
                p.AddWithValue("mn", device.AnnouncedMn);
                p.AddWithValue("st", device.SystemCode);
                p.AddWithValue("remote", device.Remote);
                p.AddWithValue("node", device.Node);
                p.AddWithValue("seen", device.LastSeen.ToUnixTimeMilliseconds());
            }, cancellationToken);
            return known is null ? PendingAnnouncement.Added : PendingAnnouncement.Refreshed;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PendingRegistration?> PendingRegistrationAsync(string loggerId, CancellationToken cancellationToken) =>
        FirstOrNull(await AccountRowsAsync("reading a pending logger",
            $"SELECT {PendingColumns} FROM pending_registrations WHERE logger_id = @logger",
            p => p.AddWithValue("logger", loggerId), ReadPending, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyList<PendingRegistration>> PendingRegistrationsAsync(long afterId, int limit, CancellationToken cancellationToken) =>
        AccountRowsAsync("reading the pending loggers",
            $"SELECT {PendingColumns} FROM pending_registrations WHERE id > @after ORDER BY id LIMIT @limit",
            p =>
            {
                p.AddWithValue("after", afterId);
                p.AddWithValue("limit", limit);
            },
            ReadPending, cancellationToken);

    /// <inheritdoc />
    public Task<bool> AssignPendingAsync(string loggerId, string deviceId, CancellationToken cancellationToken) =>
        AccountWriteAsync("noting a logger's assigned MN", async connection => await ChangeOnAsync(connection,
            "UPDATE pending_registrations SET assigned_mn = @mn WHERE logger_id = @logger", p =>
            {
                p.AddWithValue("logger", loggerId);
                p.AddWithValue("mn", deviceId);
            }, cancellationToken) > 0, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemovePendingAsync(string loggerId, CancellationToken cancellationToken) =>
        AccountWriteAsync("taking a logger off the pending list", async connection => await ChangeOnAsync(connection,
            "DELETE FROM pending_registrations WHERE logger_id = @logger", p => p.AddWithValue("logger", loggerId), cancellationToken) > 0,
            cancellationToken);

    private static PendingRegistration ReadPending(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), TextOrNull(r, 2), TextOrNull(r, 3), TextOrNull(r, 4), r.GetString(5), r.GetString(6), r.GetString(7),
        r.GetString(8), Time(r.GetInt64(9)), Time(r.GetInt64(10)), TextOrNull(r, 11));
}
