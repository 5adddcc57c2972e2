using Npgsql;
using NpgsqlTypes;
using Qingshui.Storage.StationFiles;
using static Qingshui.Storage.Postgres.AccountRows;

namespace Qingshui.Storage.Postgres;

/// <summary>Files stations sent over HJ 212 (metadata; the content is an attachment named by its hash), shared by the nodes.</summary>
public sealed partial class PostgresStore : IStationFileStore
{
    private const string StationFileColumns =
        "id, station_id, command, kind, request_id, received_at, data_time, utc_offset, attachment_id, size, media_type, file_name, fields, parts";

    /// <inheritdoc />
    public async Task<(StationFileAdded Outcome, StationFile? Stored)> AddStationFileAsync(
        StationFile file, DateTimeOffset dayStart, StationFileQuota quota, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(quota);
        (StationFileAdded outcome, long id) = await AccountWriteAsync("storing a station's file", async connection =>
        {
            // Two nodes storing files of one station at once could both see room under the daily limit: they take turns per
            // station (a transaction-scoped lock), as SQLite's single writer makes them.
            await ChangeOnAsync(connection, "SELECT pg_advisory_xact_lock(hashtext('station_files ' || @station))",
                p => p.AddWithValue("station", file.StationId), cancellationToken);
            (long? earlier, long used, long count) = (await RowsOnAsync(connection, """
                SELECT (SELECT id FROM station_files WHERE station_id = @station AND command = @command AND request_id = @qn),
                       (SELECT coalesce(sum(size), 0)::bigint FROM station_files WHERE station_id = @station AND received_at >= @day),
                       (SELECT count(*) FROM station_files WHERE station_id = @station AND received_at >= @day)
                """, p =>
            {
                p.AddWithValue("station", file.StationId);
                p.AddWithValue("command", file.Command);
                p.AddWithValue("qn", file.RequestId);
                p.AddWithValue("day", dayStart.ToUnixTimeMilliseconds());
            }, r => (r.IsDBNull(0) ? (long?)null : r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)), cancellationToken))[0];
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

            long added = (await RowsOnAsync(connection, """
                INSERT INTO station_files (station_id, command, kind, request_id, received_at, data_time, utc_offset, attachment_id, size, media_type,
                    file_name, fields, parts)
                VALUES (@station, @command, @kind, @qn, @received, @data, @offset, @attachment, @size, @type, @name, @fields, @parts)
                RETURNING id
                """, p =>
            {
                p.AddWithValue("station", file.StationId);
                p.AddWithValue("command", file.Command);
                p.AddWithValue("kind", file.Kind);
                p.AddWithValue("qn", file.RequestId);
                p.AddWithValue("received", file.ReceivedAt.ToUnixTimeMilliseconds());
                p.Add(Maybe("data", NpgsqlDbType.Bigint, file.DataTime?.ToUnixTimeMilliseconds()));
                p.Add(Maybe("offset", NpgsqlDbType.Integer, (int?)file.DataTime?.Offset.TotalMinutes));
                p.AddWithValue("attachment", file.AttachmentId);
                p.AddWithValue("size", file.Size);
                p.AddWithValue("type", file.MediaType);
                p.AddWithValue("name", file.FileName);
                p.AddWithValue("fields", file.Fields);
                p.AddWithValue("parts", file.Parts);
            }, r => r.GetInt64(0), cancellationToken))[0];
            return (StationFileAdded.Added, added);
        }, cancellationToken);
        return (outcome, outcome is StationFileAdded.OverDailyLimit or StationFileAdded.OverDailyCount ? null : await StationFileAsync(id, cancellationToken));
    }

    /// <inheritdoc />
    public async Task<StationFileCheck> CheckStationFileAsync(StationFile file, DateTimeOffset dayStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        (long? earlier, long used, long count) = (await AccountRowsAsync("checking a station's file", """
            SELECT (SELECT id FROM station_files WHERE station_id = @station AND command = @command AND request_id = @qn),
                   (SELECT coalesce(sum(size), 0)::bigint FROM station_files WHERE station_id = @station AND received_at >= @day),
                   (SELECT count(*) FROM station_files WHERE station_id = @station AND received_at >= @day)
            """, p =>
        {
            p.AddWithValue("station", file.StationId);
            p.AddWithValue("command", file.Command);
            p.AddWithValue("qn", file.RequestId);
            p.AddWithValue("day", dayStart.ToUnixTimeMilliseconds());
        }, r => (r.IsDBNull(0) ? (long?)null : r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)), cancellationToken))[0];
        return new StationFileCheck(earlier is long id ? await StationFileAsync(id, cancellationToken) : null, used, count);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StationFile>> StationFilesAsync(string stationId, long? beforeId, int limit, CancellationToken cancellationToken) =>
        AccountRowsAsync("reading a station's files",
            $"SELECT {StationFileColumns} FROM station_files WHERE station_id = @station AND id < @before ORDER BY id DESC LIMIT @limit",
            p =>
            {
                p.AddWithValue("station", stationId);
                p.AddWithValue("before", beforeId ?? long.MaxValue);
                p.AddWithValue("limit", limit);
            },
            ReadStationFile, cancellationToken);

    /// <inheritdoc />
    public async Task<StationFile?> StationFileAsync(long id, CancellationToken cancellationToken) =>
        FirstOrNull(await AccountRowsAsync("reading a station's file", $"SELECT {StationFileColumns} FROM station_files WHERE id = @id",
            p => p.AddWithValue("id", id), ReadStationFile, cancellationToken));

    private static StationFile ReadStationFile(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), Time(r.GetInt64(5)),
        r.IsDBNull(6) ? null : Time(r.GetInt64(6)).ToOffset(TimeSpan.FromMinutes(r.GetInt32(7))),
        r.GetString(8), r.GetInt64(9), r.GetString(10), r.GetString(11), r.GetString(12), r.GetInt32(13));
}
