using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Incidents;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// Incidents (migration 0002). Between nodes, the partial unique index keeps one open incident per section, and a step or
/// an action is stored only while the incident's row, locked or updated in the same transaction, still has the status seen.
/// </summary>
public sealed partial class PostgresStore : IIncidentStore
{
    private const string IncidentColumns = "id, section, severity, status, opened_at, opened_offset, jurisdictions, stations, downstream";

    /// <inheritdoc />
    public Task<Incident> CreateAsync(Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return InRecordsTransactionAsync("storing an incident", async (connection, transaction) =>
        {
            await using NpgsqlCommand insert = RecordSql.Command(connection, transaction, """
                INSERT INTO incidents (section, severity, status, opened_at, opened_offset, jurisdictions, stations, downstream)
                VALUES (@section, @severity, @status, @opened, @offset, @jurisdictions, @stations, @downstream) RETURNING id
                """);
            insert.Add("section", NpgsqlDbType.Text, incident.Section)
                .Add("severity", NpgsqlDbType.Integer, (int)incident.Severity)
                .Add("status", NpgsqlDbType.Text, IncidentWords.Word(incident.Status))
                .Add("opened", NpgsqlDbType.Bigint, incident.OpenedAt.ToUnixTimeMilliseconds())
                .Add("offset", NpgsqlDbType.Integer, (int)incident.OpenedAt.Offset.TotalMinutes)
                .Add("jurisdictions", NpgsqlDbType.Text, JsonSerializer.Serialize(incident.Jurisdictions))
                .Add("stations", NpgsqlDbType.Text, JsonSerializer.Serialize(incident.Stations))
                .Add("downstream", NpgsqlDbType.Text, IncidentJson.DownstreamJson(incident.Downstream));
            long id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            for (int i = 0; i < incident.AlertIds.Count; i++)
            {
                await InsertIncidentAlertAsync(connection, transaction, id, incident.AlertIds[i], i, cancellationToken);
            }

            foreach (IncidentStep step in incident.Steps)
            {
                await InsertStepAsync(connection, transaction, id, step, cancellationToken);
            }

            return incident with { Id = id };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RecordStepAsync(Incident changed, IncidentStatus expected, long? joinedAlert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        return InRecordsTransactionAsync("recording an incident step", async (connection, transaction) =>
        {
            // A node updating the same row at once makes this one wait, then re-check the status on the row it wrote.
            await using NpgsqlCommand update = RecordSql.Command(connection, transaction,
                "UPDATE incidents SET status = @status, severity = @severity, stations = @stations WHERE id = @id AND status = @expected");
            update.Add("status", NpgsqlDbType.Text, IncidentWords.Word(changed.Status))
                .Add("severity", NpgsqlDbType.Integer, (int)changed.Severity)
                .Add("stations", NpgsqlDbType.Text, JsonSerializer.Serialize(changed.Stations))
                .Add("id", NpgsqlDbType.Bigint, changed.Id)
                .Add("expected", NpgsqlDbType.Text, IncidentWords.Word(expected));
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }

            if (joinedAlert is long alert)
            {
                await InsertIncidentAlertAsync(connection, transaction, changed.Id, alert, changed.AlertIds.Count - 1, cancellationToken);
            }

            await InsertStepAsync(connection, transaction, changed.Id, changed.Steps[^1], cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ResponseAction?> AddActionAsync(long incident, IncidentStatus expected, ResponseAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return InRecordsTransactionAsync<ResponseAction?>("recording an incident action", async (connection, transaction) =>
        {
            // FOR SHARE holds the status until commit: a step taken on another node waits, and one committed first is seen here.
            await using (NpgsqlCommand check = RecordSql.Command(connection, transaction,
                "SELECT 1 FROM incidents WHERE id = @incident AND status = @expected FOR SHARE"))
            {
                check.Add("incident", NpgsqlDbType.Bigint, incident).Add("expected", NpgsqlDbType.Text, IncidentWords.Word(expected));
                if (await check.ExecuteScalarAsync(cancellationToken) is null)
                {
                    return null;
                }
            }

            await using NpgsqlCommand insert = RecordSql.Command(connection, transaction, """
                INSERT INTO incident_actions (incident, kind, actor, organisation, at, note)
                VALUES (@incident, @kind, @actor, @organisation, @at, @note) RETURNING id
                """);
            insert.Add("incident", NpgsqlDbType.Bigint, incident)
                .Add("kind", NpgsqlDbType.Text, IncidentWords.Word(action.Kind))
                .Add("actor", NpgsqlDbType.Text, action.Actor)
                .Add("organisation", NpgsqlDbType.Text, action.Organisation)
                .Add("at", NpgsqlDbType.Text, StoredText.Time(action.At))
                .Add("note", NpgsqlDbType.Text, action.Note);
            long id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            foreach (StationCommandRecord command in action.Commands)
            {
                await InsertCommandAsync(connection, transaction, id, command, cancellationToken);
            }

            return action with { Id = id };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task AddCommandAsync(long action, StationCommandRecord command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return InRecordsTransactionAsync("recording a station command", async (connection, transaction) =>
        {
            await InsertCommandAsync(connection, transaction, action, command, cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Incident?> FindIncidentAsync(long id, CancellationToken cancellationToken)
    {
        IReadOnlyList<Incident> found = await LoadIncidentsAsync($"SELECT {IncidentColumns} FROM incidents WHERE id = @id",
            command => command.Add("id", NpgsqlDbType.Bigint, id), cancellationToken);
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
            WHERE (@status IS NULL OR status = @status) AND (@section IS NULL OR section = @section)
              AND (@from IS NULL OR opened_at >= @from) AND (@to IS NULL OR opened_at < @to) AND (@before IS NULL OR id < @before)
            ORDER BY id DESC LIMIT @limit
            """;
        return LoadIncidentsAsync(sql, command => command
            .Add("status", NpgsqlDbType.Text, query.Status is IncidentStatus status ? IncidentWords.Word(status) : null)
            .Add("section", NpgsqlDbType.Text, query.Section)
            .Add("from", NpgsqlDbType.Bigint, query.From?.ToUnixTimeMilliseconds())
            .Add("to", NpgsqlDbType.Bigint, query.To?.ToUnixTimeMilliseconds())
            .Add("before", NpgsqlDbType.Bigint, query.Before)
            .Add("limit", NpgsqlDbType.Integer, Math.Clamp(query.Limit, 1, IncidentQuery.MaxLimit)), cancellationToken);
    }

    // The incidents' rows, then their children in one query per table for the whole page.
    private async Task<IReadOnlyList<Incident>> LoadIncidentsAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        IReadOnlyList<Incident> rows = await QueryRecordsAsync("reading incidents", sql, bind, ReadIncident, cancellationToken);
        if (rows.Count == 0)
        {
            return rows;
        }

        long[] ids = [.. rows.Select(r => r.Id)];
        void Ids(NpgsqlCommand command) => command.Add("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint, ids);
        ILookup<long, long> alerts = (await QueryRecordsAsync("reading incidents",
            "SELECT incident, alert FROM incident_alerts WHERE incident = ANY(@ids) ORDER BY incident, position",
            Ids, r => (r.GetInt64(0), r.GetInt64(1)), cancellationToken)).ToLookup(p => p.Item1, p => p.Item2);
        ILookup<long, IncidentStep> steps = (await QueryRecordsAsync("reading incidents",
            "SELECT incident, kind, actor, organisation, at, note FROM incident_steps WHERE incident = ANY(@ids) ORDER BY id",
            Ids, r => (r.GetInt64(0), new IncidentStep(IncidentWords.StepByWord[r.GetString(1)], r.GetString(2), r.GetString(3),
                StoredText.ParseTime(r.GetString(4)), r.GetString(5))),
            cancellationToken)).ToLookup(p => p.Item1, p => p.Item2);
        ILookup<long, StationCommandRecord> commands = (await QueryRecordsAsync("reading incidents",
            """
            SELECT c.action, c.device, c.purpose, c.request_id, c.state, c.detail, c.sent_at, c.answered_at FROM incident_commands c
            JOIN incident_actions a ON a.id = c.action WHERE a.incident = ANY(@ids) ORDER BY c.id
            """,
            Ids, r => (r.GetInt64(0), new StationCommandRecord(r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
                RecordSql.NullableText(r, 5), StoredText.ParseTime(r.GetString(6)), r.IsDBNull(7) ? null : StoredText.ParseTime(r.GetString(7)))),
            cancellationToken)).ToLookup(p => p.Item1, p => p.Item2);
        ILookup<long, ResponseAction> actions = (await QueryRecordsAsync("reading incidents",
            "SELECT incident, id, kind, actor, organisation, at, note FROM incident_actions WHERE incident = ANY(@ids) ORDER BY id",
            Ids, r => (r.GetInt64(0), new ResponseAction(r.GetInt64(1), IncidentWords.ActionByWord[r.GetString(2)], r.GetString(3), r.GetString(4),
                StoredText.ParseTime(r.GetString(5)), r.GetString(6), [])), cancellationToken))
            .ToLookup(p => p.Item1, p => p.Item2 with { Commands = [.. commands[p.Item2.Id]] });
        return [.. rows.Select(i => i with { AlertIds = [.. alerts[i.Id]], Steps = [.. steps[i.Id]], Actions = [.. actions[i.Id]] })];
    }

    private static Incident ReadIncident(NpgsqlDataReader r)
    {
        DateTimeOffset opened = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)).ToOffset(TimeSpan.FromMinutes(r.GetInt32(5)));
        return new Incident(r.GetInt64(0), r.GetString(1), (AlertSeverity)r.GetInt32(2), IncidentWords.StatusByWord[r.GetString(3)], opened,
            JsonSerializer.Deserialize<string[]>(r.GetString(6))!, JsonSerializer.Deserialize<string[]>(r.GetString(7))!, [],
            IncidentJson.ReadDownstream(r.GetString(8)), [], []);
    }

    private static async Task InsertIncidentAlertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long incident, long alert, int position, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand insert = RecordSql.Command(connection, transaction,
            "INSERT INTO incident_alerts (incident, alert, position) VALUES (@incident, @alert, @position) ON CONFLICT DO NOTHING");
        await insert.Add("incident", NpgsqlDbType.Bigint, incident).Add("alert", NpgsqlDbType.Bigint, alert).Add("position", NpgsqlDbType.Integer, position)
            .ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task InsertStepAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long incident, IncidentStep step, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand insert = RecordSql.Command(connection, transaction,
            "INSERT INTO incident_steps (incident, kind, actor, organisation, at, note) VALUES (@incident, @kind, @actor, @organisation, @at, @note)");
        await insert.Add("incident", NpgsqlDbType.Bigint, incident)
            .Add("kind", NpgsqlDbType.Text, IncidentWords.Word(step.Kind))
            .Add("actor", NpgsqlDbType.Text, step.Actor)
            .Add("organisation", NpgsqlDbType.Text, step.Organisation)
            .Add("at", NpgsqlDbType.Text, StoredText.Time(step.At))
            .Add("note", NpgsqlDbType.Text, step.Note)
            .ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task InsertCommandAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long action, StationCommandRecord command, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand insert = RecordSql.Command(connection, transaction, """
            INSERT INTO incident_commands (action, device, purpose, request_id, state, detail, sent_at, answered_at)
            VALUES (@action, @device, @purpose, @request, @state, @detail, @sent, @answered)
            """);
        await insert.Add("action", NpgsqlDbType.Bigint, action)
            .Add("device", NpgsqlDbType.Text, command.DeviceId)
            .Add("purpose", NpgsqlDbType.Text, command.Purpose)
            .Add("request", NpgsqlDbType.Text, command.RequestId)
            .Add("state", NpgsqlDbType.Text, command.State)
            .Add("detail", NpgsqlDbType.Text, command.Detail)
            .Add("sent", NpgsqlDbType.Text, StoredText.Time(command.SentAt))
            .Add("answered", NpgsqlDbType.Text, command.AnsweredAt is DateTimeOffset answered ? StoredText.Time(answered) : null)
            .ExecuteNonQueryAsync(cancellationToken);
    }
}
