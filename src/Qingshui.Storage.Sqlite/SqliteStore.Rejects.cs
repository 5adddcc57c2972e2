using Microsoft.Data.Sqlite;

namespace Qingshui.Storage.Sqlite;

/// <summary>Rejected packets' retention and the counts of what was dropped (<see cref="IRejectStore"/>).</summary>
public sealed partial class SqliteStore : IRejectStore
{
    /// <inheritdoc />
    public async Task<long> RejectedBytesAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<long> total = await QueryAsync($"SELECT COALESCE(SUM({RejectedSize.Sql}), 0) FROM rejected_packets", _ => { }, r => r.GetInt64(0), cancellationToken);
        return total[0];
    }

    /// <inheritdoc />
    public Task<RejectedDeletion> DeleteRejectedBeforeAsync(DateTimeOffset cutoff, int maxPackets, CancellationToken cancellationToken) =>
        OnWriterAsync(connection =>
        {
            using SqliteTransaction transaction = connection.BeginTransaction();
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            const string Oldest = "SELECT id FROM rejected_packets WHERE received_at < $cutoff ORDER BY received_at LIMIT $max";
            command.CommandText = $"SELECT COUNT(*), COALESCE(SUM({RejectedSize.Sql}), 0) FROM rejected_packets WHERE id IN ({Oldest})";
            command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$max", maxPackets);
            RejectedDeletion deleted;
            using (SqliteDataReader reader = command.ExecuteReader())
            {
                reader.Read();
                deleted = new RejectedDeletion(reader.GetInt64(0), reader.GetInt64(1));
            }

            command.CommandText = $"DELETE FROM rejected_packets WHERE id IN ({Oldest})";
            command.ExecuteNonQuery();
            transaction.Commit();
            return deleted;
        }, cancellationToken);

    /// <inheritdoc />
    public Task AddDropCountsAsync(IReadOnlyList<DropCount> counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return OnWriterAsync(connection =>
        {
            using SqliteTransaction transaction = connection.BeginTransaction();
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO ingest_drops (day, scope, packets, bytes) VALUES ($day, $scope, $packets, $bytes)
                ON CONFLICT (day, scope) DO UPDATE SET packets = packets + excluded.packets, bytes = bytes + excluded.bytes
                """;
            SqliteParameter day = command.Parameters.Add("$day", SqliteType.Integer);
            SqliteParameter scope = command.Parameters.Add("$scope", SqliteType.Text);
            SqliteParameter packets = command.Parameters.Add("$packets", SqliteType.Integer);
            SqliteParameter bytes = command.Parameters.Add("$bytes", SqliteType.Integer);
            foreach (DropCount count in counts)
            {
                day.Value = count.Day.DayNumber - EpochDay;
                scope.Value = count.Scope;
                packets.Value = count.Packets;
                bytes.Value = count.Bytes;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DropCount>> DropCountsAsync(CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT day, scope, packets, bytes FROM ingest_drops ORDER BY day, scope",
            _ => { },
            r => new DropCount(DateOnly.FromDayNumber((int)r.GetInt64(0) + EpochDay), r.GetString(1), r.GetInt64(2), r.GetInt64(3)),
            cancellationToken);

    private static int EpochDay { get; } = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>Runs a short job on the writer connection, between ingest batches.</summary>
    private async Task<T> OnWriterAsync<T>(Func<SqliteConnection, T> job, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            return job(_writer);
        }
        catch (SqliteException e)
        {
            throw Wrap(e, "maintaining rejected packets");
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
