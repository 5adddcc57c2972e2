using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Alerts;

namespace Qingshui.Storage.Sqlite;

/// <summary>Alerts: written on the writer connection (under the ingest write lock), read on pooled connections.</summary>
public sealed partial class SqliteStore : IAlertStore
{
    private const string AlertColumns = "id, rule, kind, severity, section, station, parameter, raised_at, raised_offset, cleared_at, evidence, reason";

    /// <inheritdoc />
    public Task<Alert> RaiseAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return InAccountTransactionAsync("storing an alert", (connection, transaction) =>
        {
            using SqliteCommand insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO alerts (rule, kind, severity, section, station, parameter, raised_at, raised_offset, cleared_at, evidence, reason)
                VALUES ($rule, $kind, $severity, $section, $station, $parameter, $raised, $offset, NULL, $evidence, $reason) RETURNING id
                """;
            insert.Parameters.AddWithValue("$rule", alert.RuleId);
            insert.Parameters.AddWithValue("$kind", (int)alert.Kind);
            insert.Parameters.AddWithValue("$severity", (int)alert.Severity);
            insert.Parameters.AddWithValue("$section", (object?)alert.Section ?? DBNull.Value);
            insert.Parameters.AddWithValue("$station", alert.Station);
            insert.Parameters.AddWithValue("$parameter", alert.Parameter ?? "");
            insert.Parameters.AddWithValue("$raised", alert.RaisedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$offset", (int)alert.RaisedAt.Offset.TotalMinutes);
            insert.Parameters.AddWithValue("$evidence", EvidenceJson(alert.Evidence));
            insert.Parameters.AddWithValue("$reason", alert.Reason);
            long id = (long)insert.ExecuteScalar()!;
            return alert with { Id = id, ClearedAt = null };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Alert?> ClearAsync(AlertKey key, DateTimeOffset at, CancellationToken cancellationToken) =>
        InAccountTransactionAsync("clearing an alert", (connection, transaction) =>
        {
            using SqliteCommand update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = $"""
                UPDATE alerts SET cleared_at = max($at, raised_at)
                WHERE rule = $rule AND station = $station AND parameter = $parameter AND cleared_at IS NULL RETURNING {AlertColumns}
                """;
            update.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            update.Parameters.AddWithValue("$rule", key.RuleId);
            update.Parameters.AddWithValue("$station", key.Station);
            update.Parameters.AddWithValue("$parameter", key.Parameter);
            using SqliteDataReader reader = update.ExecuteReader();
            return reader.Read() ? ReadAlert(reader) : null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Alert>> OpenAlertsAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {AlertColumns} FROM alerts WHERE cleared_at IS NULL ORDER BY id", _ => { }, ReadAlert, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Alert>> ListAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        string sql = $"""
            SELECT {AlertColumns} FROM alerts
            WHERE ($open IS NULL OR ($open = 1 AND cleared_at IS NULL) OR ($open = 0 AND cleared_at IS NOT NULL))
              AND ($section IS NULL OR section = $section) AND ($station IS NULL OR station = $station)
              AND ($from IS NULL OR raised_at >= $from) AND ($to IS NULL OR raised_at < $to) AND ($before IS NULL OR id < $before)
            ORDER BY id DESC LIMIT $limit
            """;
        return QueryAsync(sql, command =>
        {
            command.Parameters.AddWithValue("$open", query.Open is bool open ? (open ? 1 : 0) : DBNull.Value);
            command.Parameters.AddWithValue("$section", (object?)query.Section ?? DBNull.Value);
            command.Parameters.AddWithValue("$station", (object?)query.Station ?? DBNull.Value);
            command.Parameters.AddWithValue("$from", query.From is DateTimeOffset from ? from.ToUnixTimeMilliseconds() : DBNull.Value);
            command.Parameters.AddWithValue("$to", query.To is DateTimeOffset to ? to.ToUnixTimeMilliseconds() : DBNull.Value);
            command.Parameters.AddWithValue("$before", query.Before is long before ? before : DBNull.Value);
            command.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 1, AlertQuery.MaxLimit));
        }, ReadAlert, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Alert?> FindAsync(long id, CancellationToken cancellationToken)
    {
        IReadOnlyList<Alert> found = await QueryAsync($"SELECT {AlertColumns} FROM alerts WHERE id = $id",
            command => command.Parameters.AddWithValue("$id", id), ReadAlert, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    private static Alert ReadAlert(SqliteDataReader r)
    {
        var offset = TimeSpan.FromMinutes(r.GetInt32(8));
        DateTimeOffset raised = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)).ToOffset(offset);
        DateTimeOffset? cleared = r.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)).ToOffset(offset);
        string parameter = r.GetString(6);
        return new Alert(r.GetInt64(0), r.GetString(1), (AlertKind)r.GetInt32(2), (AlertSeverity)r.GetInt32(3), r.IsDBNull(4) ? null : r.GetString(4),
            r.GetString(5), parameter.Length == 0 ? null : parameter, raised, cleared, ReadEvidence(r.GetString(10)), r.GetString(11));
    }

    private static string EvidenceJson(IReadOnlyList<AlertValue> evidence)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (AlertValue value in evidence)
            {
                json.WriteStartObject();
                json.WriteString("time", value.Time.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
                json.WriteNumber("value", value.Value);
                json.WriteBoolean("valid", value.Valid);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static AlertValue[] ReadEvidence(string text)
    {
        using JsonDocument document = JsonDocument.Parse(text);
        return [.. document.RootElement.EnumerateArray().Select(e => new AlertValue(
            DateTimeOffset.Parse(e.GetProperty("time").GetString()!, CultureInfo.InvariantCulture), e.GetProperty("value").GetDecimal(), e.GetProperty("valid").GetBoolean()))];
    }
}
