using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using static Qingshui.Storage.Postgres.AccountRows;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// Alerts. At most one open alert per (rule, station, parameter), kept by a partial unique index: when two nodes raise
/// the same alert at once, one stores it and the other is refused with a <see cref="StoreException"/>, as a second raise
/// is on SQLite.
/// </summary>
public sealed partial class PostgresStore : IAlertStore
{
    private const string AlertColumns = "id, rule, kind, severity, section, station, parameter, raised_at, raised_offset, cleared_at, evidence, reason";

    /// <inheritdoc />
    public Task<Alert> RaiseAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return AccountWriteAsync("storing an alert", async connection =>
        {
            IReadOnlyList<long> id = await RowsOnAsync(connection, """
                INSERT INTO alerts (rule, kind, severity, section, station, parameter, raised_at, raised_offset, cleared_at, evidence, reason)
                VALUES (@rule, @kind, @severity, @section, @station, @parameter, @raised, @offset, NULL, @evidence, @reason) RETURNING id
                """, p =>
            {
                p.AddWithValue("rule", alert.RuleId);
                p.AddWithValue("kind", (int)alert.Kind);
                p.AddWithValue("severity", (int)alert.Severity);
                p.Add(Maybe("section", NpgsqlDbType.Text, alert.Section));
                p.AddWithValue("station", alert.Station);
                p.AddWithValue("parameter", alert.Parameter ?? "");
                p.AddWithValue("raised", alert.RaisedAt.ToUnixTimeMilliseconds());
                p.AddWithValue("offset", (int)alert.RaisedAt.Offset.TotalMinutes);
                p.AddWithValue("evidence", AlertJson.EvidenceJson(alert.Evidence));
                p.AddWithValue("reason", alert.Reason);
            }, r => r.GetInt64(0), cancellationToken);
            return alert with { Id = id[0], ClearedAt = null };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Alert?> ClearAsync(AlertKey key, DateTimeOffset at, CancellationToken cancellationToken) =>
        AccountWriteAsync("clearing an alert", async connection => FirstOrNull(await RowsOnAsync(connection, $"""
            UPDATE alerts SET cleared_at = greatest(@at, raised_at)
            WHERE rule = @rule AND station = @station AND parameter = @parameter AND cleared_at IS NULL RETURNING {AlertColumns}
            """, p =>
        {
            p.AddWithValue("at", at.ToUnixTimeMilliseconds());
            p.AddWithValue("rule", key.RuleId);
            p.AddWithValue("station", key.Station);
            p.AddWithValue("parameter", key.Parameter);
        }, ReadAlert, cancellationToken)), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Alert>> OpenAlertsAsync(CancellationToken cancellationToken) =>
        AccountRowsAsync("reading open alerts", $"SELECT {AlertColumns} FROM alerts WHERE cleared_at IS NULL ORDER BY id", _ => { }, ReadAlert, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Alert>> ListAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return AccountRowsAsync("listing alerts", $"""
            SELECT {AlertColumns} FROM alerts
            WHERE (@open IS NULL OR (@open = 1 AND cleared_at IS NULL) OR (@open = 0 AND cleared_at IS NOT NULL))
              AND (@section IS NULL OR section = @section) AND (@station IS NULL OR station = @station)
              AND (@from IS NULL OR raised_at >= @from) AND (@to IS NULL OR raised_at < @to) AND (@before IS NULL OR id < @before)
            ORDER BY id DESC LIMIT @limit
            """, p =>
        {
            p.Add(Maybe("open", NpgsqlDbType.Integer, query.Open is bool open ? (open ? 1 : 0) : null));
            p.Add(Maybe("section", NpgsqlDbType.Text, query.Section));
            p.Add(Maybe("station", NpgsqlDbType.Text, query.Station));
            p.Add(Maybe("from", NpgsqlDbType.Bigint, query.From?.ToUnixTimeMilliseconds()));
            p.Add(Maybe("to", NpgsqlDbType.Bigint, query.To?.ToUnixTimeMilliseconds()));
            p.Add(Maybe("before", NpgsqlDbType.Bigint, query.Before));
            p.AddWithValue("limit", Math.Clamp(query.Limit, 1, AlertQuery.MaxLimit));
        }, ReadAlert, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Alert?> FindAsync(long id, CancellationToken cancellationToken) =>
        FirstOrNull(await AccountRowsAsync("finding an alert", $"SELECT {AlertColumns} FROM alerts WHERE id = @id", p => p.AddWithValue("id", id), ReadAlert, cancellationToken));

    /// <summary>
    /// Every current reading with its station in [<paramref name="from"/>, <paramref name="to"/>), streamed in hour order
    /// as SQLite gives them: each series comes in time order, hour by hour across all stations. For replaying alert rules
    /// over history.
    /// </summary>
    public async IAsyncEnumerable<(string Station, ReadingValue Value)> ReplayValuesAsync(
        DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long start = from.ToUnixTimeMilliseconds(), end = to.ToUnixTimeMilliseconds();
        if (end <= start)
        {
            yield break;
        }

        await using NpgsqlConnection connection = await ReplayStepAsync(() => _source.OpenConnectionAsync(cancellationToken).AsTask());
        await using var command = new NpgsqlCommand("""
            SELECT s.station, s.parameter, s.kind, r.period_start, r.utc_offset, r.value, r.unit, r.valid
            FROM readings r JOIN series s ON s.id = r.series
            WHERE r.period_start >= @from AND r.period_start < @to
            ORDER BY r.period_start / 3600000, r.series, r.period_start
            """, connection);
        command.Parameters.AddWithValue("from", start);
        command.Parameters.AddWithValue("to", end);
        await using NpgsqlDataReader reader = await ReplayStepAsync(() => command.ExecuteReaderAsync(cancellationToken));
        string unitText = "";
        var unit = Unit.Unspecified;
        while (await ReplayStepAsync(() => reader.ReadAsync(cancellationToken)))
        {
            string text = reader.GetString(6);
            if (!string.Equals(text, unitText, StringComparison.Ordinal))
            {
                unitText = text;
                _ = UnitText.TryParse(text, out unit);
            }

            // Value and flags are read through Convert: the readings schema may keep them as numeric or double, int or bigint.
            var offset = TimeSpan.FromMinutes(Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture));
            DateTimeOffset time = Time(reader.GetInt64(3)).ToOffset(offset);
            yield return (reader.GetString(0), new ReadingValue(reader.GetString(1), (ReadingKind)Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture),
                time, Convert.ToDecimal(reader.GetValue(5), CultureInfo.InvariantCulture), unit, Convert.ToInt64(reader.GetValue(7), CultureInfo.InvariantCulture) != 0));
        }
    }

    // An iterator cannot catch around its yields: each database step is wrapped on its own instead.
    private static async Task<T> ReplayStepAsync<T>(Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch (NpgsqlException e)
        {
            throw Wrap(e, "replaying readings");
        }
    }

    private static Alert ReadAlert(NpgsqlDataReader r)
    {
        var offset = TimeSpan.FromMinutes(r.GetInt32(8));
        DateTimeOffset raised = Time(r.GetInt64(7)).ToOffset(offset);
        DateTimeOffset? cleared = Time(r, 9)?.ToOffset(offset);
        string parameter = r.GetString(6);
        return new Alert(r.GetInt64(0), r.GetString(1), (AlertKind)r.GetInt32(2), (AlertSeverity)r.GetInt32(3), TextOrNull(r, 4),
            r.GetString(5), parameter.Length == 0 ? null : parameter, raised, cleared, AlertJson.ReadEvidence(r.GetString(10)), r.GetString(11));
    }
}
