using Microsoft.Data.Sqlite;
using Qingshui.Domain.Network;
using Qingshui.Storage.Notices;

namespace Qingshui.Storage.Sqlite;

/// <summary>Notices and their deliveries: written on the writer connection (under the ingest write lock), read on pooled connections.</summary>
public sealed partial class SqliteStore : INoticeStore
{
    private const string Everyone = "*";
    private const string NoticeColumns = "n.id, n.kind, n.reference, n.title_zh, n.title_en, n.body_zh, n.body_en, n.at, n.at_offset, n.posted_at, "
        + "(SELECT group_concat(organisation, ' ') FROM notice_audience a WHERE a.notice = n.id)";

    /// <inheritdoc />
    public Task<NoticeRecord> AddNoticeAsync(NoticeRecord notice, IReadOnlyList<string> receivers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(receivers);
        return InAccountTransactionAsync("storing a notice", (connection, transaction) =>
        {
            using SqliteCommand insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO notices (kind, reference, title_zh, title_en, body_zh, body_en, at, at_offset, posted_at)
                VALUES ($kind, $reference, $title_zh, $title_en, $body_zh, $body_en, $at, $offset, $posted) RETURNING id
                """;
            insert.Parameters.AddWithValue("$kind", notice.Kind);
            insert.Parameters.AddWithValue("$reference", notice.Reference);
            insert.Parameters.AddWithValue("$title_zh", notice.Title.Chinese);
            insert.Parameters.AddWithValue("$title_en", notice.Title.English);
            insert.Parameters.AddWithValue("$body_zh", notice.Body.Chinese);
            insert.Parameters.AddWithValue("$body_en", notice.Body.English);
            insert.Parameters.AddWithValue("$at", notice.At.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$offset", (int)notice.At.Offset.TotalMinutes);
            insert.Parameters.AddWithValue("$posted", notice.PostedAt.ToUnixTimeMilliseconds());
            long id = (long)insert.ExecuteScalar()!;

            string[] audience = notice.Organisations.Count == 0 ? [Everyone] : [.. notice.Organisations.Distinct(StringComparer.Ordinal)];
            InsertEach(connection, transaction, "INSERT INTO notice_audience (organisation, notice) VALUES ($value, $id)", id, audience);
            InsertEach(connection, transaction, "INSERT INTO notice_deliveries (notice, receiver, state, attempts) VALUES ($id, $value, 0, 0)",
                id, [.. receivers.Distinct(StringComparer.Ordinal)]);
            return notice with { Id = id };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PendingDelivery>> PendingDeliveriesAsync(string receiver, int limit, CancellationToken cancellationToken) =>
        QueryAsync($"""
            SELECT {NoticeColumns}, d.attempts FROM notice_deliveries d JOIN notices n ON n.id = d.notice
            WHERE d.receiver = $receiver AND d.state = 0 ORDER BY d.notice LIMIT $limit
            """, command =>
        {
            command.Parameters.AddWithValue("$receiver", receiver);
            command.Parameters.AddWithValue("$limit", Math.Max(1, limit));
        }, r => new PendingDelivery(ReadNotice(r), r.GetInt32(11)), cancellationToken);

    /// <inheritdoc />
    public Task RecordAttemptAsync(long notice, string receiver, DeliveryAttempt attempt, DeliveryState after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return InAccountTransactionAsync("recording a delivery attempt", (connection, transaction) =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO notice_attempts (notice, receiver, at, delivered, status_code, error) VALUES ($notice, $receiver, $at, $delivered, $status, $error);
                UPDATE notice_deliveries SET state = $state, attempts = attempts + 1, last_attempt_at = $at,
                    delivered_at = CASE WHEN $delivered = 1 THEN $at ELSE delivered_at END
                WHERE notice = $notice AND receiver = $receiver;
                """;
            command.Parameters.AddWithValue("$notice", notice);
            command.Parameters.AddWithValue("$receiver", receiver);
            command.Parameters.AddWithValue("$at", attempt.At.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$delivered", attempt.Delivered ? 1 : 0);
            command.Parameters.AddWithValue("$status", attempt.StatusCode is int status ? status : DBNull.Value);
            command.Parameters.AddWithValue("$error", (object?)attempt.Error ?? DBNull.Value);
            command.Parameters.AddWithValue("$state", (int)after);
            command.ExecuteNonQuery();
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<NoticeEntry>> ListNoticesAsync(NoticeQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        IReadOnlyList<NoticeRecord> notices = await QueryAsync($"""
            SELECT {NoticeColumns} FROM notices n
            WHERE ($organisation IS NULL OR EXISTS (SELECT 1 FROM notice_audience a WHERE a.notice = n.id AND a.organisation IN ($organisation, '*')))
              AND ($undelivered = 0 OR EXISTS (SELECT 1 FROM notice_deliveries d WHERE d.notice = n.id AND d.state <> 1))
              AND ($before IS NULL OR n.id < $before)
            ORDER BY n.id DESC LIMIT $limit
            """, command =>
        {
            command.Parameters.AddWithValue("$organisation", (object?)query.Organisation ?? DBNull.Value);
            command.Parameters.AddWithValue("$undelivered", query.Undelivered ? 1 : 0);
            command.Parameters.AddWithValue("$before", query.Before is long before ? before : DBNull.Value);
            command.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 1, NoticeQuery.MaxLimit));
        }, ReadNotice, cancellationToken);
        if (notices.Count == 0)
        {
            return [];
        }

        // One read for the page's deliveries, each with its latest attempt.
        var deliveries = (await QueryAsync("""
            SELECT d.notice, d.receiver, d.state, d.attempts, d.delivered_at, t.at, t.delivered, t.status_code, t.error
            FROM notice_deliveries d
            LEFT JOIN notice_attempts t ON t.id = (SELECT max(id) FROM notice_attempts x WHERE x.notice = d.notice AND x.receiver = d.receiver)
            WHERE d.notice BETWEEN $low AND $high ORDER BY d.notice, d.receiver
            """, command =>
        {
            command.Parameters.AddWithValue("$low", notices[^1].Id);
            command.Parameters.AddWithValue("$high", notices[0].Id);
        }, r => (Notice: r.GetInt64(0), Delivery: ReadDelivery(r, 1) with { LastAttempt = r.IsDBNull(5) ? null : ReadAttempt(r, 5) }), cancellationToken))
            .ToLookup(d => d.Notice, d => d.Delivery);
        return [.. notices.Select(n => new NoticeEntry(n, [.. deliveries[n.Id]]))];
    }

    /// <inheritdoc />
    public async Task<NoticeEntry?> FindNoticeAsync(long id, CancellationToken cancellationToken)
    {
        IReadOnlyList<NoticeRecord> found = await QueryAsync($"SELECT {NoticeColumns} FROM notices n WHERE n.id = $id",
            command => command.Parameters.AddWithValue("$id", id), ReadNotice, cancellationToken);
        if (found.Count == 0)
        {
            return null;
        }

        ILookup<string, DeliveryAttempt> history = (await QueryAsync(
            "SELECT receiver, at, delivered, status_code, error FROM notice_attempts WHERE notice = $id ORDER BY id",
            command => command.Parameters.AddWithValue("$id", id), r => (Receiver: r.GetString(0), Attempt: ReadAttempt(r, 1)), cancellationToken))
            .ToLookup(a => a.Receiver, a => a.Attempt, StringComparer.Ordinal);
        IReadOnlyList<NoticeDelivery> deliveries = await QueryAsync(
            "SELECT receiver, state, attempts, delivered_at FROM notice_deliveries WHERE notice = $id ORDER BY receiver",
            command => command.Parameters.AddWithValue("$id", id), r => ReadDelivery(r, 0), cancellationToken);
        return new NoticeEntry(found[0], [.. deliveries.Select(d =>
        {
            DeliveryAttempt[] attempts = [.. history[d.Receiver]];
            return d with { History = attempts, LastAttempt = attempts.Length > 0 ? attempts[^1] : null };
        })]);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> RetryNoticeAsync(long id, CancellationToken cancellationToken) =>
        InAccountTransactionAsync<IReadOnlyList<string>>("retrying a notice", (connection, transaction) =>
        {
            using SqliteCommand update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE notice_deliveries SET state = 0, attempts = 0 WHERE notice = $id AND state <> 1 RETURNING receiver";
            update.Parameters.AddWithValue("$id", id);
            using SqliteDataReader reader = update.ExecuteReader();
            var receivers = new List<string>();
            while (reader.Read())
            {
                receivers.Add(reader.GetString(0));
            }

            receivers.Sort(StringComparer.Ordinal);
            return receivers;
        }, cancellationToken);

    private static void InsertEach(SqliteConnection connection, SqliteTransaction transaction, string sql, long id, IReadOnlyList<string> values)
    {
        using SqliteCommand insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = sql;
        insert.Parameters.AddWithValue("$id", id);
        SqliteParameter value = insert.Parameters.Add("$value", SqliteType.Text);
        foreach (string text in values)
        {
            value.Value = text;
            insert.ExecuteNonQuery();
        }
    }

    private static NoticeRecord ReadNotice(SqliteDataReader r)
    {
        var offset = TimeSpan.FromMinutes(r.GetInt32(8));
        string audience = r.IsDBNull(10) ? "" : r.GetString(10);
        string[] organisations = [.. audience.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(o => o != Everyone).Order(StringComparer.Ordinal)];
        return new NoticeRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), new LocalizedText(r.GetString(3), r.GetString(4)),
            new LocalizedText(r.GetString(5), r.GetString(6)), organisations, DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)).ToOffset(offset),
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)));
    }

    private static NoticeDelivery ReadDelivery(SqliteDataReader r, int first) => new(
        r.GetString(first), (DeliveryState)r.GetInt32(first + 1), r.GetInt32(first + 2),
        r.IsDBNull(first + 3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(first + 3)), []);

    private static DeliveryAttempt ReadAttempt(SqliteDataReader r, int first) => new(
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(first)), r.GetInt32(first + 1) != 0,
        r.IsDBNull(first + 2) ? null : r.GetInt32(first + 2), r.IsDBNull(first + 3) ? null : r.GetString(first + 3));
}
