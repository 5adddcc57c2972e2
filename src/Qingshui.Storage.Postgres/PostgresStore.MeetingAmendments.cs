using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Qingshui.Domain.Joint;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// A meeting amended after it was recorded (the twin of SqliteStore's <c>AmendMeetingAsync</c>), for
/// <see cref="Joint.IMeetingStore"/>: one statement, applied only while the row still holds what the amending reader saw,
/// so of two nodes amending at once the second finds the row changed, as SQLite's single writer would.
/// </summary>
public sealed partial class PostgresStore
{
    /// <summary>Stores the amended attendees, agenda, minutes and attachments if the stored meeting still has <paramref name="expected"/>'s; false otherwise.</summary>
    public async Task<bool> AmendMeetingAsync(Meeting amended, Meeting expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(amended);
        ArgumentNullException.ThrowIfNull(expected);
        try
        {
            await using NpgsqlCommand update = _source.CreateCommand("""
                UPDATE meetings SET attendees = @attendees, agenda = @agenda, minutes = @minutes, attachments = @attachments
                WHERE id = @id AND attendees::jsonb = CAST(@was_attendees AS text)::jsonb AND agenda::jsonb = CAST(@was_agenda AS text)::jsonb
                  AND minutes = @was_minutes AND attachments::jsonb = CAST(@was_attachments AS text)::jsonb
                """);
            // Untyped, so the server takes the columns' own type (the lists are JSON text, as in SQLite).
            update.Parameters.Add(new NpgsqlParameter("attendees", NpgsqlDbType.Unknown) { Value = Attendees(amended) });
            update.Parameters.Add(new NpgsqlParameter("agenda", NpgsqlDbType.Unknown) { Value = JsonSerializer.Serialize(amended.Agenda) });
            update.Parameters.AddWithValue("minutes", amended.Minutes);
            update.Parameters.Add(new NpgsqlParameter("attachments", NpgsqlDbType.Unknown) { Value = JsonSerializer.Serialize(amended.Attachments) });
            update.Parameters.AddWithValue("id", amended.Id);
            update.Parameters.AddWithValue("was_attendees", Attendees(expected));
            update.Parameters.AddWithValue("was_agenda", JsonSerializer.Serialize(expected.Agenda));
            update.Parameters.AddWithValue("was_minutes", expected.Minutes);
            update.Parameters.AddWithValue("was_attachments", JsonSerializer.Serialize(expected.Attachments));
            return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        catch (NpgsqlException e)
        {
            throw Wrap(e, "amending a meeting");
        }
    }

    private static string Attendees(Meeting meeting) => JsonSerializer.Serialize(meeting.Attendees.Select(a => new[] { a.Organisation, a.Name, a.Role }));
}
