using Npgsql;
using NpgsqlTypes;
using Qingshui.Domain.Network;
using Qingshui.Storage.Notices;

namespace Qingshui.Storage.Postgres;

/// <summary>Notices and their deliveries (migration 0002). Receivers' names sort by code point (COLLATE "C"), as SQLite sorts them.</summary>
public sealed partial class PostgresStore : INoticeStore
{
    private const string EveryoneAudience = "*";
    private const string NoticeColumns = "n.id, n.kind, n.reference, n.title_zh, n.title_en, n.body_zh, n.body_en, n.at, n.at_offset, n.posted_at, "
        + "(SELECT string_agg(organisation, ' ') FROM notice_audience a WHERE a.notice = n.id)";

    /// <inheritdoc />
    public Task<NoticeRecord> AddNoticeAsync(NoticeRecord notice, IReadOnlyList<string> receivers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(receivers);
        return InRecordsTransactionAsync("storing a notice", async (connection, transaction) =>
        {
            await using NpgsqlCommand insert = RecordSql.Command(connection, transaction, """
                INSERT INTO notices (kind, reference, title_zh, title_en, body_zh, body_en, at, at_offset, posted_at)
                VALUES (@kind, @reference, @title_zh, @title_en, @body_zh, @body_en, @at, @offset, @posted) RETURNING id
                """);
            insert.Add("kind", NpgsqlDbType.Text, notice.Kind)
                .Add("reference", NpgsqlDbType.Text, notice.Reference)
                .Add("title_zh", NpgsqlDbType.Text, notice.Title.Chinese)
                .Add("title_en", NpgsqlDbType.Text, notice.Title.English)
                .Add("body_zh", NpgsqlDbType.Text, notice.Body.Chinese)
                .Add("body_en", NpgsqlDbType.Text, notice.Body.English)
                .Add("at", NpgsqlDbType.Bigint, notice.At.ToUnixTimeMilliseconds())
                .Add("offset", NpgsqlDbType.Integer, (int)notice.At.Offset.TotalMinutes)
                .Add("posted", NpgsqlDbType.Bigint, notice.PostedAt.ToUnixTimeMilliseconds());
            long id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;

            string[] audience = notice.Organisations.Count == 0 ? [EveryoneAudience] : [.. notice.Organisations.Distinct(StringComparer.Ordinal)];
            await InsertEachAsync(connection, transaction,
                "INSERT INTO notice_audience (organisation, notice) SELECT v, @id FROM unnest(@values) AS v", id, audience, cancellationToken);
            await InsertEachAsync(connection, transaction,
                "INSERT INTO notice_deliveries (notice, receiver, state, attempts) SELECT @id, v, 0, 0 FROM unnest(@values) AS v",
                id, [.. receivers.Distinct(StringComparer.Ordinal)], cancellationToken);
            return notice with { Id = id };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PendingDelivery>> PendingDeliveriesAsync(string receiver, int limit, CancellationToken cancellationToken) =>
        QueryRecordsAsync("reading pending deliveries", $"""
            SELECT {NoticeColumns}, d.attempts FROM notice_deliveries d JOIN notices n ON n.id = d.notice
            WHERE d.receiver = @receiver AND d.state = 0 ORDER BY d.notice LIMIT @limit
            """,
            command => command.Add("receiver", NpgsqlDbType.Text, receiver).Add("limit", NpgsqlDbType.Integer, Math.Max(1, limit)),
            r => new PendingDelivery(ReadNotice(r), r.GetInt32(11)), cancellationToken);

    /// <inheritdoc />
    public Task RecordAttemptAsync(long notice, string receiver, DeliveryAttempt attempt, DeliveryState after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return InRecordsTransactionAsync("recording a delivery attempt", async (connection, transaction) =>
        {
            long at = attempt.At.ToUnixTimeMilliseconds();
            await using (NpgsqlCommand insert = RecordSql.Command(connection, transaction, """
                INSERT INTO notice_attempts (notice, receiver, at, delivered, status_code, error) VALUES (@notice, @receiver, @at, @delivered, @status, @error)
                """))
            {
                await insert.Add("notice", NpgsqlDbType.Bigint, notice)
                    .Add("receiver", NpgsqlDbType.Text, receiver)
                    .Add("at", NpgsqlDbType.Bigint, at)
                    .Add("delivered", NpgsqlDbType.Integer, attempt.Delivered ? 1 : 0)
                    .Add("status", NpgsqlDbType.Integer, attempt.StatusCode)
                    .Add("error", NpgsqlDbType.Text, attempt.Error)
                    .ExecuteNonQueryAsync(cancellationToken);
            }

            await using NpgsqlCommand update = RecordSql.Command(connection, transaction, """
                UPDATE notice_deliveries SET state = @state, attempts = attempts + 1, last_attempt_at = @at,
                    delivered_at = CASE WHEN @delivered THEN @at ELSE delivered_at END
                WHERE notice = @notice AND receiver = @receiver
                """);
            await update.Add("state", NpgsqlDbType.Integer, (int)after)
                .Add("at", NpgsqlDbType.Bigint, at)
                .Add("delivered", NpgsqlDbType.Boolean, attempt.Delivered)
                .Add("notice", NpgsqlDbType.Bigint, notice)
                .Add("receiver", NpgsqlDbType.Text, receiver)
                .ExecuteNonQueryAsync(cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<NoticeEntry>> ListNoticesAsync(NoticeQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        IReadOnlyList<NoticeRecord> notices = await QueryRecordsAsync("listing notices", $"""
            SELECT {NoticeColumns} FROM notices n
            WHERE (@organisation IS NULL OR EXISTS (SELECT 1 FROM notice_audience a WHERE a.notice = n.id AND a.organisation IN (@organisation, '*')))
              AND (NOT @undelivered OR EXISTS (SELECT 1 FROM notice_deliveries d WHERE d.notice = n.id AND d.state <> 1))
              AND (@before IS NULL OR n.id < @before)
            ORDER BY n.id DESC LIMIT @limit
            """, command => command
                .Add("organisation", NpgsqlDbType.Text, query.Organisation)
                .Add("undelivered", NpgsqlDbType.Boolean, query.Undelivered)
                .Add("before", NpgsqlDbType.Bigint, query.Before)
                .Add("limit", NpgsqlDbType.Integer, Math.Clamp(query.Limit, 1, NoticeQuery.MaxLimit)),
            ReadNotice, cancellationToken);
        if (notices.Count == 0)
        {
            return [];
        }

        // One read for the page's deliveries, each with its latest attempt.
        var deliveries = (await QueryRecordsAsync("listing notices", """
            SELECT d.notice, d.receiver, d.state, d.attempts, d.delivered_at, t.at, t.delivered, t.status_code, t.error
            FROM notice_deliveries d
            LEFT JOIN notice_attempts t ON t.id = (SELECT max(id) FROM notice_attempts x WHERE x.notice = d.notice AND x.receiver = d.receiver)
            WHERE d.notice BETWEEN @low AND @high ORDER BY d.notice, d.receiver COLLATE "C"
            """,
            command => command.Add("low", NpgsqlDbType.Bigint, notices[^1].Id).Add("high", NpgsqlDbType.Bigint, notices[0].Id),
            r => (Notice: r.GetInt64(0), Delivery: ReadDelivery(r, 1) with { LastAttempt = r.IsDBNull(5) ? null : ReadAttempt(r, 5) }), cancellationToken))
            .ToLookup(d => d.Notice, d => d.Delivery);
        return [.. notices.Select(n => new NoticeEntry(n, [.. deliveries[n.Id]]))];
    }

    /// <inheritdoc />
    public async Task<NoticeEntry?> FindNoticeAsync(long id, CancellationToken cancellationToken)
    {
        IReadOnlyList<NoticeRecord> found = await QueryRecordsAsync("reading a notice", $"SELECT {NoticeColumns} FROM notices n WHERE n.id = @id",
            command => command.Add("id", NpgsqlDbType.Bigint, id), ReadNotice, cancellationToken);
        if (found.Count == 0)
        {
            return null;
        }

        ILookup<string, DeliveryAttempt> history = (await QueryRecordsAsync("reading a notice",
            "SELECT receiver, at, delivered, status_code, error FROM notice_attempts WHERE notice = @id ORDER BY id",
            command => command.Add("id", NpgsqlDbType.Bigint, id), r => (Receiver: r.GetString(0), Attempt: ReadAttempt(r, 1)), cancellationToken))
            .ToLookup(a => a.Receiver, a => a.Attempt, StringComparer.Ordinal);
        IReadOnlyList<NoticeDelivery> deliveries = await QueryRecordsAsync("reading a notice",
            "SELECT receiver, state, attempts, delivered_at FROM notice_deliveries WHERE notice = @id ORDER BY receiver COLLATE \"C\"",
            command => command.Add("id", NpgsqlDbType.Bigint, id), r => ReadDelivery(r, 0), cancellationToken);
        return new NoticeEntry(found[0], [.. deliveries.Select(d =>
        {
            DeliveryAttempt[] attempts = [.. history[d.Receiver]];
            return d with { History = attempts, LastAttempt = attempts.Length > 0 ? attempts[^1] : null };
        })]);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> RetryNoticeAsync(long id, CancellationToken cancellationToken) =>
        InRecordsTransactionAsync<IReadOnlyList<string>>("retrying a notice", async (connection, transaction) =>
        {
            await using NpgsqlCommand update = RecordSql.Command(connection, transaction,
                "UPDATE notice_deliveries SET state = 0, attempts = 0 WHERE notice = @id AND state <> 1 RETURNING receiver");
            update.Add("id", NpgsqlDbType.Bigint, id);
            var receivers = new List<string>(await RecordSql.ReadAllAsync(update, r => r.GetString(0), cancellationToken));
            receivers.Sort(StringComparer.Ordinal);
            return receivers;
        }, cancellationToken);

    private static async Task InsertEachAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, long id, string[] values, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand insert = RecordSql.Command(connection, transaction, sql);
        await insert.Add("id", NpgsqlDbType.Bigint, id).Add("values", NpgsqlDbType.Array | NpgsqlDbType.Text, values).ExecuteNonQueryAsync(cancellationToken);
    }

    private static NoticeRecord ReadNotice(NpgsqlDataReader r)
    {
        var offset = TimeSpan.FromMinutes(r.GetInt32(8));
        string audience = r.IsDBNull(10) ? "" : r.GetString(10);
        string[] organisations = [.. audience.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(o => o != EveryoneAudience).Order(StringComparer.Ordinal)];
        return new NoticeRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), new LocalizedText(r.GetString(3), r.GetString(4)),
            new LocalizedText(r.GetString(5), r.GetString(6)), organisations, DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)).ToOffset(offset),
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)));
    }

    private static NoticeDelivery ReadDelivery(NpgsqlDataReader r, int first) => new(
        r.GetString(first), (DeliveryState)r.GetInt32(first + 1), r.GetInt32(first + 2),
        r.IsDBNull(first + 3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(first + 3)), []);

    private static DeliveryAttempt ReadAttempt(NpgsqlDataReader r, int first) => new(
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(first)), r.GetInt32(first + 1) != 0,
        r.IsDBNull(first + 2) ? null : r.GetInt32(first + 2), r.IsDBNull(first + 3) ? null : r.GetString(first + 3));
}
