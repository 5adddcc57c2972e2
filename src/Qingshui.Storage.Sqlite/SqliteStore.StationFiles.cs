using Microsoft.Data.Sqlite;
using Qingshui.Storage.StationFiles;

namespace Qingshui.Storage.Sqlite;

/// <summary>Files stations sent over HJ 212 (metadata; the content is an attachment named by its hash).</summary>
public sealed partial class SqliteStore : IStationFileStore
{
    private const string StationFileColumns =
        "id, station_id, command, kind, request_id, received_at, data_time, utc_offset, attachment_id, size, media_type, file_name, fields, parts";

    /// <inheritdoc />
    public async Task<(StationFileAdded Outcome, StationFile? Stored)> AddStationFileAsync(
        StationFile file, DateTimeOffset dayStart, StationFileQuota quota, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(quota);
        (StationFileAdded outcome, long id) = await InAccountTransactionAsync("storing a station's file", (connection, transaction) =>
        {
            using SqliteCommand check = connection.CreateCommand();
            check.Transaction = transaction;
            check.CommandText = """
                SELECT (SELECT id FROM station_files WHERE station_id = $station AND command = $command AND request_id = $qn),
                       (SELECT coalesce(sum(size), 0) FROM station_files WHERE station_id = $station AND received_at >= $day),
                       (SELECT count(*) FROM station_files WHERE station_id = $station AND received_at >= $day)
                """;
            check.Parameters.AddWithValue("$station", file.StationId);
            check.Parameters.AddWithValue("$command", file.Command);
            check.Parameters.AddWithValue("$qn", file.RequestId);
            check.Parameters.AddWithValue("$day", dayStart.ToUnixTimeMilliseconds());
            long? earlier;
            long used;
            long count;
            using (SqliteDataReader counts = check.ExecuteReader())
            {
                counts.Read();
                (earlier, used, count) = (counts.IsDBNull(0) ? null : counts.GetInt64(0), counts.GetInt64(1), counts.GetInt64(2));
            }

            if (earlier is long existing)
            {
                return (StationFileAdded.Duplicate, existing);
            }

            if (used + file.Size > quota.BytesPerDay)
            {
                return (StationFileAdded.OverDailyLimit, 0L);
            }

            if (count >= quota.FilesPerDay)
            {
                return (StationFileAdded.OverDailyCount, 0L);
            }

            using SqliteCommand insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO station_files (station_id, command, kind, request_id, received_at, data_time, utc_offset, attachment_id, size, media_type,
                    file_name, fields, parts)
                VALUES ($station, $command, $kind, $qn, $received, $data, $offset, $attachment, $size, $type, $name, $fields, $parts)
                RETURNING id
                """;
            insert.Parameters.AddWithValue("$station", file.StationId);
            insert.Parameters.AddWithValue("$command", file.Command);
            insert.Parameters.AddWithValue("$kind", file.Kind);
            insert.Parameters.AddWithValue("$qn", file.RequestId);
            insert.Parameters.AddWithValue("$received", file.ReceivedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$data", (object?)file.DataTime?.ToUnixTimeMilliseconds() ?? DBNull.Value);
            insert.Parameters.AddWithValue("$offset", (object?)(int?)file.DataTime?.Offset.TotalMinutes ?? DBNull.Value);
            insert.Parameters.AddWithValue("$attachment", file.AttachmentId);
            insert.Parameters.AddWithValue("$size", file.Size);
            insert.Parameters.AddWithValue("$type", file.MediaType);
            insert.Parameters.AddWithValue("$name", file.FileName);
            insert.Parameters.AddWithValue("$fields", file.Fields);
            insert.Parameters.AddWithValue("$parts", file.Parts);
            return (StationFileAdded.Added, (long)insert.ExecuteScalar()!);
        }, cancellationToken);
        return (outcome, outcome is StationFileAdded.OverDailyLimit or StationFileAdded.OverDailyCount ? null : await StationFileAsync(id, cancellationToken));
    }

    /// <inheritdoc />
    public async Task<StationFileCheck> CheckStationFileAsync(StationFile file, DateTimeOffset dayStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        (long? earlier, long used, long count) = (await QueryAsync(
            """
            SELECT (SELECT id FROM station_files WHERE station_id = $station AND command = $command AND request_id = $qn),
                   (SELECT coalesce(sum(size), 0) FROM station_files WHERE station_id = $station AND received_at >= $day),
                   (SELECT count(*) FROM station_files WHERE station_id = $station AND received_at >= $day)
            """,
            c =>
            {
                c.Parameters.AddWithValue("$station", file.StationId);
                c.Parameters.AddWithValue("$command", file.Command);
                c.Parameters.AddWithValue("$qn", file.RequestId);
                c.Parameters.AddWithValue("$day", dayStart.ToUnixTimeMilliseconds());
            },
            r => (r.IsDBNull(0) ? (long?)null : r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)), cancellationToken))[0];
        return new StationFileCheck(earlier is long id ? await StationFileAsync(id, cancellationToken) : null, used, count);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StationFile>> StationFilesAsync(string stationId, long? beforeId, int limit, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {StationFileColumns} FROM station_files WHERE station_id = $station AND id < $before ORDER BY id DESC LIMIT $limit",
            c =>
            {
                c.Parameters.AddWithValue("$station", stationId);
                c.Parameters.AddWithValue("$before", beforeId ?? long.MaxValue);
                c.Parameters.AddWithValue("$limit", limit);
            },
            ReadStationFile, cancellationToken);

    /// <inheritdoc />
    public async Task<StationFile?> StationFileAsync(long id, CancellationToken cancellationToken)
    {
        IReadOnlyList<StationFile> rows = await QueryAsync($"SELECT {StationFileColumns} FROM station_files WHERE id = $id",
            c => c.Parameters.AddWithValue("$id", id), ReadStationFile, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    private static StationFile ReadStationFile(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)),
        r.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)).ToOffset(TimeSpan.FromMinutes(r.GetInt32(7))),
        r.GetString(8), r.GetInt64(9), r.GetString(10), r.GetString(11), r.GetString(12), r.GetInt32(13));
}
