using System.Globalization;
using System.Text.Json;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;

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
            insert.Parameters.AddWithValue("$evidence", AlertJson.EvidenceJson(alert.Evidence));
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

    /// <summary>
    /// Every current reading with its station in [<paramref name="from"/>, <paramref name="to"/>), in one pass over the
    /// hour buckets (the table's own order): each series comes in time order, hour by hour across all stations. For
    /// replaying alert rules over history, where per-series range reads would seek once per series and hour.
    /// </summary>
    public async IAsyncEnumerable<(string Station, ReadingValue Value)> ReplayValuesAsync(
        DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long start = from.ToUnixTimeMilliseconds(), end = to.ToUnixTimeMilliseconds();
        if (end <= start)
        {
            yield break;
        }

        Dictionary<long, (string Station, string Parameter, ReadingKind Kind)> series = (await QueryAsync(
            "SELECT id, station, parameter, kind FROM series", _ => { }, r => (r.GetInt64(0), (r.GetString(1), r.GetString(2), (ReadingKind)r.GetInt32(3))),
            cancellationToken)).ToDictionary(s => s.Item1, s => s.Item2);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = ReaderPragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        command.CommandText = """
            SELECT series, period_start, utc_offset, value, unit, valid FROM readings
            WHERE bucket BETWEEN $first AND $last AND period_start >= $from AND period_start < $to
            ORDER BY bucket, series, period_start
            """;
        command.Parameters.AddWithValue("$first", WriteCommands.BucketOf(start));
        command.Parameters.AddWithValue("$last", WriteCommands.BucketOf(end - 1));
        command.Parameters.AddWithValue("$from", start);
        command.Parameters.AddWithValue("$to", end);
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        string unitText = "";
        var unit = Unit.Unspecified;
        while (await reader.ReadAsync(cancellationToken))
        {
            (string station, string parameter, ReadingKind kind) = series[reader.GetInt64(0)];
            string text = reader.GetString(4);
            if (!string.Equals(text, unitText, StringComparison.Ordinal))
            {
                unitText = text;
                _ = UnitText.TryParse(text, out unit);
            }

            DateTimeOffset time = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)).ToOffset(TimeSpan.FromMinutes(reader.GetInt32(2)));
            yield return (station, new ReadingValue(parameter, kind, time, (decimal)reader.GetDouble(3), unit, reader.GetInt32(5) != 0));
        }
    }

    private static Alert ReadAlert(SqliteDataReader r)
    {
        var offset = TimeSpan.FromMinutes(r.GetInt32(8));
        DateTimeOffset raised = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)).ToOffset(offset);
        DateTimeOffset? cleared = r.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)).ToOffset(offset);
        string parameter = r.GetString(6);
        return new Alert(r.GetInt64(0), r.GetString(1), (AlertKind)r.GetInt32(2), (AlertSeverity)r.GetInt32(3), r.IsDBNull(4) ? null : r.GetString(4),
            r.GetString(5), parameter.Length == 0 ? null : parameter, raised, cleared, AlertJson.ReadEvidence(r.GetString(10)), r.GetString(11));
    }
}
