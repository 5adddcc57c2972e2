using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Incidents;

namespace Qingshui.Storage.Sqlite;

/// <summary>Incidents: written on the writer connection (under the ingest write lock), read on pooled connections.</summary>
public sealed partial class SqliteStore : IIncidentStore
{
    private const string IncidentColumns = "id, section, severity, status, opened_at, opened_offset, jurisdictions, stations, downstream";

    /// <inheritdoc />
    public Task<Incident> CreateAsync(Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return InAccountTransactionAsync("storing an incident", (connection, transaction) =>
        {
            using SqliteCommand insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO incidents (section, severity, status, opened_at, opened_offset, jurisdictions, stations, downstream)
                VALUES ($section, $severity, $status, $opened, $offset, $jurisdictions, $stations, $downstream) RETURNING id
                """;
            insert.Parameters.AddWithValue("$section", incident.Section);
            insert.Parameters.AddWithValue("$severity", (int)incident.Severity);
            insert.Parameters.AddWithValue("$status", IncidentWords.Word(incident.Status));
            insert.Parameters.AddWithValue("$opened", incident.OpenedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$offset", (int)incident.OpenedAt.Offset.TotalMinutes);
            insert.Parameters.AddWithValue("$jurisdictions", JsonSerializer.Serialize(incident.Jurisdictions));
            insert.Parameters.AddWithValue("$stations", JsonSerializer.Serialize(incident.Stations));
            insert.Parameters.AddWithValue("$downstream", IncidentJson.DownstreamJson(incident.Downstream));
            long id = (long)insert.ExecuteScalar()!;
            for (int i = 0; i < incident.AlertIds.Count; i++)
            {
                InsertIncidentAlert(connection, transaction, id, incident.AlertIds[i], i);
            }

            foreach (IncidentStep step in incident.Steps)
            {
                InsertStep(connection, transaction, id, step);
            }

            return incident with { Id = id };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RecordStepAsync(Incident changed, IncidentStatus expected, long? joinedAlert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        return InAccountTransactionAsync("recording an incident step", (connection, transaction) =>
        {
            using SqliteCommand update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE incidents SET status = $status, severity = $severity, stations = $stations WHERE id = $id AND status = $expected";
            update.Parameters.AddWithValue("$status", IncidentWords.Word(changed.Status));
            update.Parameters.AddWithValue("$severity", (int)changed.Severity);
            update.Parameters.AddWithValue("$stations", JsonSerializer.Serialize(changed.Stations));
            update.Parameters.AddWithValue("$id", changed.Id);
            update.Parameters.AddWithValue("$expected", IncidentWords.Word(expected));
            if (update.ExecuteNonQuery() == 0)
            {
                return false;
            }

            if (joinedAlert is long alert)
            {
                InsertIncidentAlert(connection, transaction, changed.Id, alert, changed.AlertIds.Count - 1);
            }

            InsertStep(connection, transaction, changed.Id, changed.Steps[^1]);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ResponseAction?> AddActionAsync(long incident, IncidentStatus expected, ResponseAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return InAccountTransactionAsync("recording an incident action", (connection, transaction) =>
        {
            using SqliteCommand insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO incident_actions (incident, kind, actor, organisation, at, note)
                SELECT id, $kind, $actor, $organisation, $at, $note FROM incidents WHERE id = $incident AND status = $expected RETURNING id
                """;
            insert.Parameters.AddWithValue("$incident", incident);
            insert.Parameters.AddWithValue("$expected", IncidentWords.Word(expected));
            insert.Parameters.AddWithValue("$kind", IncidentWords.Word(action.Kind));
            insert.Parameters.AddWithValue("$actor", action.Actor);
            insert.Parameters.AddWithValue("$organisation", action.Organisation);
            insert.Parameters.AddWithValue("$at", StoredText.Time(action.At));
            insert.Parameters.AddWithValue("$note", action.Note);
            if (insert.ExecuteScalar() is not long id)
            {
                return null;
            }

            foreach (StationCommandRecord command in action.Commands)
            {
                InsertCommand(connection, transaction, id, command);
            }

            return action with { Id = id };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task AddCommandAsync(long action, StationCommandRecord command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return InAccountTransactionAsync("recording a station command", (connection, transaction) =>
        {
            InsertCommand(connection, transaction, action, command);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Incident?> FindIncidentAsync(long id, CancellationToken cancellationToken)
    {
        IReadOnlyList<Incident> found = await LoadIncidentsAsync($"SELECT {IncidentColumns} FROM incidents WHERE id = $id",
            command => command.Parameters.AddWithValue("$id", id), cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Incident>> OpenIncidentsAsync(CancellationToken cancellationToken) =>
        LoadIncidentsAsync($"SELECT {IncidentColumns} FROM incidents WHERE status <> 'closed' ORDER BY id", _ => { }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Incident>> ListIncidentsAsync(IncidentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        string sql = $"""
            SELECT {IncidentColumns} FROM incidents
            WHERE ($status IS NULL OR status = $status) AND ($section IS NULL OR section = $section)
              AND ($from IS NULL OR opened_at >= $from) AND ($to IS NULL OR opened_at < $to) AND ($before IS NULL OR id < $before)
            ORDER BY id DESC LIMIT $limit
            """;
        return LoadIncidentsAsync(sql, command =>
        {
            command.Parameters.AddWithValue("$status", query.Status is IncidentStatus status ? IncidentWords.Word(status) : DBNull.Value);
            command.Parameters.AddWithValue("$section", (object?)query.Section ?? DBNull.Value);
            command.Parameters.AddWithValue("$from", query.From is DateTimeOffset from ? from.ToUnixTimeMilliseconds() : DBNull.Value);
            command.Parameters.AddWithValue("$to", query.To is DateTimeOffset to ? to.ToUnixTimeMilliseconds() : DBNull.Value);
            command.Parameters.AddWithValue("$before", query.Before is long before ? before : DBNull.Value);
            command.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 1, IncidentQuery.MaxLimit));
        }, cancellationToken);
    }

    // The incidents' rows, then their children in one query per table for the whole page.
    private async Task<IReadOnlyList<Incident>> LoadIncidentsAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        IReadOnlyList<Incident> rows = await QueryAsync(sql, bind, ReadIncident, cancellationToken);
        if (rows.Count == 0)
        {
            return rows;
        }

        string ids = JsonSerializer.Serialize(rows.Select(r => r.Id));
        void Ids(SqliteCommand command) => command.Parameters.AddWithValue("$ids", ids);
        ILookup<long, long> alerts = (await QueryAsync(
            "SELECT incident, alert FROM incident_alerts WHERE incident IN (SELECT value FROM json_each($ids)) ORDER BY incident, position",
            Ids, r => (r.GetInt64(0), r.GetInt64(1)), cancellationToken)).ToLookup(p => p.Item1, p => p.Item2);
        ILookup<long, IncidentStep> steps = (await QueryAsync(
            "SELECT incident, kind, actor, organisation, at, note FROM incident_steps WHERE incident IN (SELECT value FROM json_each($ids)) ORDER BY id",
            Ids, r => (r.GetInt64(0), new IncidentStep(IncidentWords.StepByWord[r.GetString(1)], r.GetString(2), r.GetString(3), StoredText.ParseTime(r.GetString(4)), r.GetString(5))),
            cancellationToken)).ToLookup(p => p.Item1, p => p.Item2);
        ILookup<long, StationCommandRecord> commands = (await QueryAsync(
            """
            SELECT c.action, c.device, c.purpose, c.request_id, c.state, c.detail, c.sent_at, c.answered_at FROM incident_commands c
            JOIN incident_actions a ON a.id = c.action WHERE a.incident IN (SELECT value FROM json_each($ids)) ORDER BY c.id
            """,
            Ids, r => (r.GetInt64(0), new StationCommandRecord(r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), StoredText.ParseTime(r.GetString(6)), r.IsDBNull(7) ? null : StoredText.ParseTime(r.GetString(7)))),
            cancellationToken)).ToLookup(p => p.Item1, p => p.Item2);
        ILookup<long, ResponseAction> actions = (await QueryAsync(
            "SELECT incident, id, kind, actor, organisation, at, note FROM incident_actions WHERE incident IN (SELECT value FROM json_each($ids)) ORDER BY id",
            Ids, r => (r.GetInt64(0), new ResponseAction(r.GetInt64(1), IncidentWords.ActionByWord[r.GetString(2)], r.GetString(3), r.GetString(4),
                StoredText.ParseTime(r.GetString(5)), r.GetString(6), [])), cancellationToken))
            .ToLookup(p => p.Item1, p => p.Item2 with { Commands = [.. commands[p.Item2.Id]] });
        return [.. rows.Select(i => i with { AlertIds = [.. alerts[i.Id]], Steps = [.. steps[i.Id]], Actions = [.. actions[i.Id]] })];
    }

    private static Incident ReadIncident(SqliteDataReader r)
    {
        DateTimeOffset opened = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)).ToOffset(TimeSpan.FromMinutes(r.GetInt32(5)));
        return new Incident(r.GetInt64(0), r.GetString(1), (AlertSeverity)r.GetInt32(2), IncidentWords.StatusByWord[r.GetString(3)], opened,
            JsonSerializer.Deserialize<string[]>(r.GetString(6))!, JsonSerializer.Deserialize<string[]>(r.GetString(7))!, [],
            IncidentJson.ReadDownstream(r.GetString(8)), [], []);
    }

    private static void InsertIncidentAlert(SqliteConnection connection, SqliteTransaction transaction, long incident, long alert, int position)
    {
        using SqliteCommand insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT OR IGNORE INTO incident_alerts (incident, alert, position) VALUES ($incident, $alert, $position)";
        insert.Parameters.AddWithValue("$incident", incident);
        insert.Parameters.AddWithValue("$alert", alert);
        insert.Parameters.AddWithValue("$position", position);
        insert.ExecuteNonQuery();
    }

    private static void InsertStep(SqliteConnection connection, SqliteTransaction transaction, long incident, IncidentStep step)
    {
        using SqliteCommand insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO incident_steps (incident, kind, actor, organisation, at, note) VALUES ($incident, $kind, $actor, $organisation, $at, $note)";
        insert.Parameters.AddWithValue("$incident", incident);
        insert.Parameters.AddWithValue("$kind", IncidentWords.Word(step.Kind));
        insert.Parameters.AddWithValue("$actor", step.Actor);
        insert.Parameters.AddWithValue("$organisation", step.Organisation);
        insert.Parameters.AddWithValue("$at", StoredText.Time(step.At));
        insert.Parameters.AddWithValue("$note", step.Note);
        insert.ExecuteNonQuery();
    }

    private static void InsertCommand(SqliteConnection connection, SqliteTransaction transaction, long action, StationCommandRecord command)
    {
        using SqliteCommand insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO incident_commands (action, device, purpose, request_id, state, detail, sent_at, answered_at)
            VALUES ($action, $device, $purpose, $request, $state, $detail, $sent, $answered)
            """;
        insert.Parameters.AddWithValue("$action", action);
        insert.Parameters.AddWithValue("$device", command.DeviceId);
        insert.Parameters.AddWithValue("$purpose", command.Purpose);
        insert.Parameters.AddWithValue("$request", command.RequestId);
        insert.Parameters.AddWithValue("$state", command.State);
        insert.Parameters.AddWithValue("$detail", (object?)command.Detail ?? DBNull.Value);
        insert.Parameters.AddWithValue("$sent", StoredText.Time(command.SentAt));
        insert.Parameters.AddWithValue("$answered", command.AnsweredAt is DateTimeOffset answered ? StoredText.Time(answered) : DBNull.Value);
        insert.ExecuteNonQuery();
    }
}
