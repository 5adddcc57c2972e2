using Npgsql;

namespace Qingshui.Storage.Postgres;

/// <summary>Rejected packets' retention and the counts of what was dropped (<see cref="IRejectStore"/>).</summary>
public sealed partial class PostgresStore : IRejectStore
{
    // RejectedSize.Sql in PostgreSQL's words: the bytes, the reason's UTF-8 bytes and a row's overhead.
    private static readonly string RejectedSizeExpression = string.Create(
        System.Globalization.CultureInfo.InvariantCulture, $"octet_length(bytes) + COALESCE(octet_length(reason), 0) + {RejectedSize.RowOverhead}");

    private static int EpochDay { get; } = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <inheritdoc />
    public async Task<long> RejectedBytesAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<long> total = await QueryAsync(
            $"SELECT COALESCE(SUM({RejectedSizeExpression}), 0)::bigint FROM rejected_packets", _ => { }, r => r.GetInt64(0), cancellationToken);
        return total[0];
    }

    /// <inheritdoc />
    /// <remarks>One statement: what it counts is exactly what it deletes. Rows another node is deleting at the same time are skipped, not counted twice.</remarks>
    public async Task<RejectedDeletion> DeleteRejectedBeforeAsync(DateTimeOffset cutoff, int maxPackets, CancellationToken cancellationToken)
    {
        IReadOnlyList<RejectedDeletion> deleted = await QueryAsync(
            $"""
            WITH oldest AS (SELECT id FROM rejected_packets WHERE received_at < $1 ORDER BY received_at LIMIT $2 FOR UPDATE SKIP LOCKED),
                 gone AS (DELETE FROM rejected_packets WHERE id IN (SELECT id FROM oldest) RETURNING {RejectedSizeExpression} AS size)
            SELECT COUNT(*), COALESCE(SUM(size), 0)::bigint FROM gone
            """,
            command => Bind(command, Int64(cutoff.ToUnixTimeMilliseconds()), Int32(maxPackets)),
            r => new RejectedDeletion(r.GetInt64(0), r.GetInt64(1)),
            cancellationToken);
        return deleted[0];
    }

    /// <inheritdoc />
    public async Task AddDropCountsAsync(IReadOnlyList<DropCount> counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counts);
        // Summed per key first: a key may come twice in one call, and a row once per statement.
        await QueryAsync(
            """
            INSERT INTO ingest_drops (day, scope, packets, bytes)
            SELECT day, scope, SUM(packets)::bigint, SUM(bytes)::bigint FROM unnest($1::integer[], $2::text[], $3::bigint[], $4::bigint[]) AS c (day, scope, packets, bytes)
            GROUP BY day, scope ORDER BY day, scope
            ON CONFLICT (day, scope) DO UPDATE SET packets = ingest_drops.packets + excluded.packets, bytes = ingest_drops.bytes + excluded.bytes
            """,
            command => Bind(command,
                new NpgsqlParameter { Value = counts.Select(c => c.Day.DayNumber - EpochDay).ToArray() },
                new NpgsqlParameter { Value = counts.Select(c => c.Scope).ToArray() },
                new NpgsqlParameter { Value = counts.Select(c => c.Packets).ToArray() },
                new NpgsqlParameter { Value = counts.Select(c => c.Bytes).ToArray() }),
            _ => true,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DropCount>> DropCountsAsync(CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT day, scope, packets, bytes FROM ingest_drops ORDER BY day, scope COLLATE \"C\"",
            _ => { },
            r => new DropCount(DateOnly.FromDayNumber(r.GetInt32(0) + EpochDay), r.GetString(1), r.GetInt64(2), r.GetInt64(3)),
            cancellationToken);
}
