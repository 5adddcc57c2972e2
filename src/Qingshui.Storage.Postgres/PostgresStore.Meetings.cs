using System.Text.Json;
using Npgsql;
using Qingshui.Domain.Joint;
using Qingshui.Storage.Joint;

namespace Qingshui.Storage.Postgres;

/// <summary>Joint meetings and their decisions; a decision's state changes only from the state its writer saw, on any node.</summary>
public sealed partial class PostgresStore : IMeetingStore
{
    private const string MeetingColumns = "id, basin, date, place, convenor, title, attendees, agenda, minutes, attachments, created_by, created_organisation, created_at";
    private const string DecisionColumns = "d.id, d.meeting, d.text, d.owner, d.owner_person, d.deadline, d.state, d.follow_up, d.changed_by, d.changed_at";

    /// <inheritdoc />
    public Task<Meeting> CreateMeetingAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return JointWriteAsync("storing a meeting", async (connection, transaction) =>
        {
            await using NpgsqlCommand insert = JointCommand(connection, transaction, """
                INSERT INTO meetings (basin, date, place, convenor, title, attendees, agenda, minutes, attachments, created_by, created_organisation, created_at)
                VALUES (@basin, @date, @place, @convenor, @title, @attendees, @agenda, @minutes, @attachments, @by, @organisation, @at) RETURNING id
                """);
            insert.Parameters.AddWithValue("basin", meeting.Basin);
            insert.Parameters.AddWithValue("date", JointDay(meeting.Date));
            insert.Parameters.AddWithValue("place", meeting.Place);
            insert.Parameters.AddWithValue("convenor", meeting.Convenor);
            insert.Parameters.AddWithValue("title", meeting.Title);
            insert.Parameters.AddWithValue("attendees", JsonSerializer.Serialize(meeting.Attendees.Select(a => new[] { a.Organisation, a.Name, a.Role })));
            insert.Parameters.AddWithValue("agenda", JsonSerializer.Serialize(meeting.Agenda));
            insert.Parameters.AddWithValue("minutes", meeting.Minutes);
            insert.Parameters.AddWithValue("attachments", JsonSerializer.Serialize(meeting.Attachments));
            insert.Parameters.AddWithValue("by", meeting.CreatedBy);
            insert.Parameters.AddWithValue("organisation", meeting.CreatedOrganisation);
            insert.Parameters.AddWithValue("at", JointTime(meeting.CreatedAt));
            return meeting with { Id = (long)(await insert.ExecuteScalarAsync(cancellationToken))! };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Meeting?> FindMeetingAsync(long id, CancellationToken cancellationToken) =>
        (await JointQueryAsync($"SELECT {MeetingColumns} FROM meetings WHERE id = @id", c => c.Parameters.AddWithValue("id", id), ReadMeeting, cancellationToken))
            .SingleOrDefault();

    /// <inheritdoc />
    public Task<IReadOnlyList<Meeting>> ListMeetingsAsync(string basin, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        JointQueryAsync($"SELECT {MeetingColumns} FROM meetings WHERE basin = @basin AND date >= @from AND date <= @to ORDER BY date, id", c =>
        {
            c.Parameters.AddWithValue("basin", basin);
            c.Parameters.AddWithValue("from", JointDay(from));
            c.Parameters.AddWithValue("to", JointDay(to));
        }, ReadMeeting, cancellationToken);

    /// <inheritdoc />
    public async Task<Meeting?> LastMeetingAsync(string basin, CancellationToken cancellationToken) =>
        (await JointQueryAsync($"SELECT {MeetingColumns} FROM meetings WHERE basin = @basin ORDER BY date DESC, id DESC LIMIT 1",
            c => c.Parameters.AddWithValue("basin", basin), ReadMeeting, cancellationToken)).SingleOrDefault();

    /// <inheritdoc />
    public Task<MeetingDecision> AddDecisionAsync(MeetingDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return JointWriteAsync("storing a meeting decision", async (connection, transaction) =>
        {
            await using NpgsqlCommand insert = JointCommand(connection, transaction, """
                INSERT INTO meeting_decisions (meeting, text, owner, owner_person, deadline, state, follow_up, changed_by, changed_at)
                VALUES (@meeting, @text, @owner, @person, @deadline, @state, @note, @by, @at) RETURNING id
                """);
            insert.Parameters.AddWithValue("meeting", decision.Meeting);
            insert.Parameters.AddWithValue("text", decision.Text);
            insert.Parameters.AddWithValue("owner", decision.Owner);
            insert.Parameters.AddWithValue("person", decision.OwnerPerson);
            insert.Parameters.AddWithValue("deadline", JointDay(decision.Deadline));
            insert.Parameters.AddWithValue("state", DecisionWords.Word(decision.State));
            insert.Parameters.AddWithValue("note", decision.FollowUp);
            insert.Parameters.AddWithValue("by", decision.ChangedBy);
            insert.Parameters.AddWithValue("at", JointTime(decision.ChangedAt));
            return decision with { Id = (long)(await insert.ExecuteScalarAsync(cancellationToken))! };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<MeetingDecision?> FindDecisionAsync(long id, CancellationToken cancellationToken) =>
        (await JointQueryAsync($"SELECT {DecisionColumns} FROM meeting_decisions d WHERE d.id = @id", c => c.Parameters.AddWithValue("id", id),
            ReadDecision, cancellationToken)).SingleOrDefault();

    /// <inheritdoc />
    public Task<bool> ChangeDecisionAsync(MeetingDecision changed, DecisionState expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        // A writer on another node holding the row makes this wait, then re-checks the state on the row it committed.
        return JointWriteAsync("changing a meeting decision", async (connection, transaction) =>
        {
            await using NpgsqlCommand update = JointCommand(connection, transaction, """
                UPDATE meeting_decisions SET state = @state, follow_up = @note, changed_by = @by, changed_at = @at
                WHERE id = @id AND state = @expected
                """);
            update.Parameters.AddWithValue("state", DecisionWords.Word(changed.State));
            update.Parameters.AddWithValue("note", changed.FollowUp);
            update.Parameters.AddWithValue("by", changed.ChangedBy);
            update.Parameters.AddWithValue("at", JointTime(changed.ChangedAt));
            update.Parameters.AddWithValue("id", changed.Id);
            update.Parameters.AddWithValue("expected", DecisionWords.Word(expected));
            return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MeetingDecision>> ListDecisionsAsync(DecisionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, DecisionQuery.MaxLimit);
        return JointQueryAsync($"""
            SELECT {DecisionColumns} FROM meeting_decisions d JOIN meetings m ON m.id = d.meeting
            WHERE (@meeting::bigint IS NULL OR d.meeting = @meeting) AND (@owner::text IS NULL OR d.owner = @owner)
              AND (@state::text IS NULL OR d.state = @state) AND (@from::text IS NULL OR d.deadline >= @from)
              AND (@to::text IS NULL OR d.deadline <= @to) AND (@basin::text IS NULL OR m.basin = @basin)
            ORDER BY d.deadline, d.id LIMIT @limit::bigint
            """, c =>
        {
            c.Parameters.AddWithValue("meeting", (object?)query.Meeting ?? DBNull.Value);
            c.Parameters.AddWithValue("owner", (object?)query.Owner ?? DBNull.Value);
            c.Parameters.AddWithValue("state", query.State is DecisionState state ? DecisionWords.Word(state) : DBNull.Value);
            c.Parameters.AddWithValue("from", query.DeadlineFrom is DateOnly from ? JointDay(from) : DBNull.Value);
            c.Parameters.AddWithValue("to", query.DeadlineTo is DateOnly to ? JointDay(to) : DBNull.Value);
            c.Parameters.AddWithValue("basin", (object?)query.Basin ?? DBNull.Value);
            // SQLite reads a negative LIMIT as no limit; PostgreSQL refuses one, and reads NULL so.
            c.Parameters.AddWithValue("limit", query.Limit < 0 ? DBNull.Value : query.Limit);
        }, ReadDecision, cancellationToken);
    }

    /// <inheritdoc />
    public Task LinkLedgerDecisionAsync(LedgerDecisionLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        return JointWriteAsync("linking a ledger decision to a meeting", async (connection, transaction) =>
        {
            await using NpgsqlCommand insert = JointCommand(connection, transaction, """
                INSERT INTO meeting_ledger_decisions (meeting, agreement, period, outcome, reason, decided_by, organisation, decided_at)
                VALUES (@meeting, @agreement, @period, @outcome, @reason, @by, @organisation, @at)
                """);
            insert.Parameters.AddWithValue("meeting", link.Meeting);
            insert.Parameters.AddWithValue("agreement", link.Agreement);
            insert.Parameters.AddWithValue("period", link.Period);
            insert.Parameters.AddWithValue("outcome", link.Outcome);
            insert.Parameters.AddWithValue("reason", link.Reason);
            insert.Parameters.AddWithValue("by", link.DecidedBy);
            insert.Parameters.AddWithValue("organisation", link.Organisation);
            insert.Parameters.AddWithValue("at", JointTime(link.DecidedAt));
            return await insert.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LedgerDecisionLink>> LedgerDecisionsAsync(long meeting, CancellationToken cancellationToken) =>
        JointQueryAsync("SELECT meeting, agreement, period, outcome, reason, decided_by, organisation, decided_at FROM meeting_ledger_decisions WHERE meeting = @meeting ORDER BY id",
            c => c.Parameters.AddWithValue("meeting", meeting),
            r => new LedgerDecisionLink(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                ParseJointTime(r.GetString(7))), cancellationToken);

    /// <inheritdoc />
    public Task<bool> NoteMeetingReminderAsync(string basin, int year, DateTimeOffset at, CancellationToken cancellationToken) =>
        // The key (basin, year) lets one node's note in: another node noting at the same time waits for it, then inserts nothing.
        JointWriteAsync("noting a meeting reminder", async (connection, transaction) =>
        {
            await using NpgsqlCommand insert = JointCommand(connection, transaction,
                "INSERT INTO meeting_reminders (basin, year, sent_at) VALUES (@basin, @year, @at) ON CONFLICT DO NOTHING");
            insert.Parameters.AddWithValue("basin", basin);
            insert.Parameters.AddWithValue("year", (long)year);
            insert.Parameters.AddWithValue("at", JointTime(at));
            return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    private static Meeting ReadMeeting(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), ParseJointDay(r.GetString(2)), r.GetString(3), r.GetString(4), r.GetString(5),
        [.. JsonSerializer.Deserialize<string[][]>(r.GetString(6))!.Select(a => new MeetingAttendee(a[0], a[1], a[2]))],
        JsonSerializer.Deserialize<string[]>(r.GetString(7))!, r.GetString(8), JsonSerializer.Deserialize<string[]>(r.GetString(9))!,
        r.GetString(10), r.GetString(11), ParseJointTime(r.GetString(12)));

    private static MeetingDecision ReadDecision(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), ParseJointDay(r.GetString(5)),
        DecisionWords.Parse(r.GetString(6)) ?? DecisionState.Open, r.GetString(7), r.GetString(8), ParseJointTime(r.GetString(9)));
}
