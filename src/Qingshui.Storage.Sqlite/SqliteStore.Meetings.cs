using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Joint;
using Qingshui.Storage.Joint;

namespace Qingshui.Storage.Sqlite;

/// <summary>Joint meetings and their decisions: written on the writer connection (under the write lock), read on pooled connections.</summary>
public sealed partial class SqliteStore : IMeetingStore
{
    private const string MeetingColumns = "id, basin, date, place, convenor, title, attendees, agenda, minutes, attachments, created_by, created_organisation, created_at";
    private const string DecisionColumns = "d.id, d.meeting, d.text, d.owner, d.owner_person, d.deadline, d.state, d.follow_up, d.changed_by, d.changed_at";

    /// <inheritdoc />
    public Task<Meeting> CreateMeetingAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return InAccountTransactionAsync("storing a meeting", (connection, transaction) =>
        {
            using SqliteCommand insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO meetings (basin, date, place, convenor, title, attendees, agenda, minutes, attachments, created_by, created_organisation, created_at)
                VALUES ($basin, $date, $place, $convenor, $title, $attendees, $agenda, $minutes, $attachments, $by, $organisation, $at) RETURNING id
                """;
            insert.Parameters.AddWithValue("$basin", meeting.Basin);
            insert.Parameters.AddWithValue("$date", DateText(meeting.Date));
            insert.Parameters.AddWithValue("$place", meeting.Place);
            insert.Parameters.AddWithValue("$convenor", meeting.Convenor);
            insert.Parameters.AddWithValue("$title", meeting.Title);
            insert.Parameters.AddWithValue("$attendees", JsonSerializer.Serialize(meeting.Attendees.Select(a => new[] { a.Organisation, a.Name, a.Role })));
            insert.Parameters.AddWithValue("$agenda", JsonSerializer.Serialize(meeting.Agenda));
            insert.Parameters.AddWithValue("$minutes", meeting.Minutes);
            insert.Parameters.AddWithValue("$attachments", JsonSerializer.Serialize(meeting.Attachments));
            insert.Parameters.AddWithValue("$by", meeting.CreatedBy);
            insert.Parameters.AddWithValue("$organisation", meeting.CreatedOrganisation);
            insert.Parameters.AddWithValue("$at", StoredText.Time(meeting.CreatedAt));
            return meeting with { Id = (long)insert.ExecuteScalar()! };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Meeting?> FindMeetingAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {MeetingColumns} FROM meetings WHERE id = $id", c => c.Parameters.AddWithValue("$id", id), ReadMeeting, cancellationToken))
            .SingleOrDefault();

    /// <inheritdoc />
    public Task<IReadOnlyList<Meeting>> ListMeetingsAsync(string basin, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {MeetingColumns} FROM meetings WHERE basin = $basin AND date >= $from AND date <= $to ORDER BY date, id", c =>
        {
            c.Parameters.AddWithValue("$basin", basin);
            c.Parameters.AddWithValue("$from", DateText(from));
            c.Parameters.AddWithValue("$to", DateText(to));
        }, ReadMeeting, cancellationToken);

    /// <inheritdoc />
    public async Task<Meeting?> LastMeetingAsync(string basin, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {MeetingColumns} FROM meetings WHERE basin = $basin ORDER BY date DESC, id DESC LIMIT 1",
            c => c.Parameters.AddWithValue("$basin", basin), ReadMeeting, cancellationToken)).SingleOrDefault();

    /// <inheritdoc />
    public Task<MeetingDecision> AddDecisionAsync(MeetingDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return InAccountTransactionAsync("storing a meeting decision", (connection, transaction) =>
        {
            using SqliteCommand insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO meeting_decisions (meeting, text, owner, owner_person, deadline, state, follow_up, changed_by, changed_at)
                VALUES ($meeting, $text, $owner, $person, $deadline, $state, $note, $by, $at) RETURNING id
                """;
            insert.Parameters.AddWithValue("$meeting", decision.Meeting);
            insert.Parameters.AddWithValue("$text", decision.Text);
            insert.Parameters.AddWithValue("$owner", decision.Owner);
            insert.Parameters.AddWithValue("$person", decision.OwnerPerson);
            insert.Parameters.AddWithValue("$deadline", DateText(decision.Deadline));
            insert.Parameters.AddWithValue("$state", DecisionWords.Word(decision.State));
            insert.Parameters.AddWithValue("$note", decision.FollowUp);
            insert.Parameters.AddWithValue("$by", decision.ChangedBy);
            insert.Parameters.AddWithValue("$at", StoredText.Time(decision.ChangedAt));
            return decision with { Id = (long)insert.ExecuteScalar()! };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<MeetingDecision?> FindDecisionAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {DecisionColumns} FROM meeting_decisions d WHERE d.id = $id", c => c.Parameters.AddWithValue("$id", id),
            ReadDecision, cancellationToken)).SingleOrDefault();

    /// <inheritdoc />
    public Task<bool> ChangeDecisionAsync(MeetingDecision changed, DecisionState expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        return InAccountTransactionAsync("changing a meeting decision", (connection, transaction) =>
        {
            using SqliteCommand update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE meeting_decisions SET state = $state, follow_up = $note, changed_by = $by, changed_at = $at
                WHERE id = $id AND state = $expected
                """;
            update.Parameters.AddWithValue("$state", DecisionWords.Word(changed.State));
            update.Parameters.AddWithValue("$note", changed.FollowUp);
            update.Parameters.AddWithValue("$by", changed.ChangedBy);
            update.Parameters.AddWithValue("$at", StoredText.Time(changed.ChangedAt));
            update.Parameters.AddWithValue("$id", changed.Id);
            update.Parameters.AddWithValue("$expected", DecisionWords.Word(expected));
            return update.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MeetingDecision>> ListDecisionsAsync(DecisionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, DecisionQuery.MaxLimit);
        return QueryAsync($"""
            SELECT {DecisionColumns} FROM meeting_decisions d JOIN meetings m ON m.id = d.meeting
            WHERE ($meeting IS NULL OR d.meeting = $meeting) AND ($owner IS NULL OR d.owner = $owner) AND ($state IS NULL OR d.state = $state)
              AND ($from IS NULL OR d.deadline >= $from) AND ($to IS NULL OR d.deadline <= $to) AND ($basin IS NULL OR m.basin = $basin)
            ORDER BY d.deadline, d.id LIMIT $limit
            """, c =>
        {
            c.Parameters.AddWithValue("$meeting", (object?)query.Meeting ?? DBNull.Value);
            c.Parameters.AddWithValue("$owner", (object?)query.Owner ?? DBNull.Value);
            c.Parameters.AddWithValue("$state", query.State is DecisionState state ? DecisionWords.Word(state) : DBNull.Value);
            c.Parameters.AddWithValue("$from", query.DeadlineFrom is DateOnly from ? DateText(from) : DBNull.Value);
            c.Parameters.AddWithValue("$to", query.DeadlineTo is DateOnly to ? DateText(to) : DBNull.Value);
            c.Parameters.AddWithValue("$basin", (object?)query.Basin ?? DBNull.Value);
            c.Parameters.AddWithValue("$limit", query.Limit);
        }, ReadDecision, cancellationToken);
    }

    /// <inheritdoc />
    public Task LinkLedgerDecisionAsync(LedgerDecisionLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        return InAccountTransactionAsync("linking a ledger decision to a meeting", (connection, transaction) =>
        {
            using SqliteCommand insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO meeting_ledger_decisions (meeting, agreement, period, outcome, reason, decided_by, organisation, decided_at)
                VALUES ($meeting, $agreement, $period, $outcome, $reason, $by, $organisation, $at)
                """;
            insert.Parameters.AddWithValue("$meeting", link.Meeting);
            insert.Parameters.AddWithValue("$agreement", link.Agreement);
            insert.Parameters.AddWithValue("$period", link.Period);
            insert.Parameters.AddWithValue("$outcome", link.Outcome);
            insert.Parameters.AddWithValue("$reason", link.Reason);
            insert.Parameters.AddWithValue("$by", link.DecidedBy);
            insert.Parameters.AddWithValue("$organisation", link.Organisation);
            insert.Parameters.AddWithValue("$at", StoredText.Time(link.DecidedAt));
            return insert.ExecuteNonQuery();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LedgerDecisionLink>> LedgerDecisionsAsync(long meeting, CancellationToken cancellationToken) =>
        QueryAsync("SELECT meeting, agreement, period, outcome, reason, decided_by, organisation, decided_at FROM meeting_ledger_decisions WHERE meeting = $meeting ORDER BY id",
            c => c.Parameters.AddWithValue("$meeting", meeting),
            r => new LedgerDecisionLink(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                StoredText.ParseTime(r.GetString(7))), cancellationToken);

    /// <inheritdoc />
    public Task<bool> NoteMeetingReminderAsync(string basin, int year, DateTimeOffset at, CancellationToken cancellationToken) =>
        InAccountTransactionAsync("noting a meeting reminder", (connection, transaction) =>
        {
            using SqliteCommand insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO meeting_reminders (basin, year, sent_at) VALUES ($basin, $year, $at) ON CONFLICT DO NOTHING";
            insert.Parameters.AddWithValue("$basin", basin);
            insert.Parameters.AddWithValue("$year", year);
            insert.Parameters.AddWithValue("$at", StoredText.Time(at));
            return insert.ExecuteNonQuery() == 1;
        }, cancellationToken);

    private static Meeting ReadMeeting(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), ParseDate(r.GetString(2)), r.GetString(3), r.GetString(4), r.GetString(5),
        [.. JsonSerializer.Deserialize<string[][]>(r.GetString(6))!.Select(a => new MeetingAttendee(a[0], a[1], a[2]))],
        JsonSerializer.Deserialize<string[]>(r.GetString(7))!, r.GetString(8), JsonSerializer.Deserialize<string[]>(r.GetString(9))!,
        r.GetString(10), r.GetString(11), StoredText.ParseTime(r.GetString(12)));

    private static MeetingDecision ReadDecision(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), ParseDate(r.GetString(5)),
        DecisionWords.Parse(r.GetString(6)) ?? DecisionState.Open, r.GetString(7), r.GetString(8), StoredText.ParseTime(r.GetString(9)));

    private static string DateText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public Task<bool> AmendMeetingAsync(Meeting amended, Meeting expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(amended);
        ArgumentNullException.ThrowIfNull(expected);
        return InAccountTransactionAsync("amending a meeting", (connection, transaction) =>
        {
            // Applied only while the row still holds what the amending reader saw: of two amendments at once, the second is refused.
            using SqliteCommand update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE meetings SET attendees = $attendees, agenda = $agenda, minutes = $minutes, attachments = $attachments
                WHERE id = $id AND attendees = $was_attendees AND agenda = $was_agenda AND minutes = $was_minutes AND attachments = $was_attachments
                """;
            update.Parameters.AddWithValue("$attendees", JsonSerializer.Serialize(amended.Attendees.Select(a => new[] { a.Organisation, a.Name, a.Role })));
            update.Parameters.AddWithValue("$agenda", JsonSerializer.Serialize(amended.Agenda));
            update.Parameters.AddWithValue("$minutes", amended.Minutes);
            update.Parameters.AddWithValue("$attachments", JsonSerializer.Serialize(amended.Attachments));
            update.Parameters.AddWithValue("$id", amended.Id);
            update.Parameters.AddWithValue("$was_attendees", JsonSerializer.Serialize(expected.Attendees.Select(a => new[] { a.Organisation, a.Name, a.Role })));
            update.Parameters.AddWithValue("$was_agenda", JsonSerializer.Serialize(expected.Agenda));
            update.Parameters.AddWithValue("$was_minutes", expected.Minutes);
            update.Parameters.AddWithValue("$was_attachments", JsonSerializer.Serialize(expected.Attachments));
            return update.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }
}
