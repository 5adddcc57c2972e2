using System.Globalization;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Joint;

/// <summary>联合巡河, a patrol of a reach by people of one or both sides, with the route walked or sailed.</summary>
/// <param name="Id">Its number in the store (0 before it is stored).</param>
/// <param name="Date">The day of the patrol.</param>
/// <param name="Reach">The section the patrolled reach starts at.</param>
/// <param name="Participants">Who patrolled, each with the side they came for.</param>
/// <param name="Notes">What the patrol covered (may be empty).</param>
/// <param name="RecordedBy">Who recorded it.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="RoutePoints">How many points its route has (0 before a route is uploaded); the points are read on their own.</param>
public sealed record Patrol(
    long Id, DateOnly Date, string Reach, IReadOnlyList<PatrolParticipant> Participants, string Notes, PatrolActor RecordedBy, DateTimeOffset RecordedAt,
    int RoutePoints)
{
    /// <summary>The most participants one patrol lists.</summary>
    public const int MaxParticipants = 200;

    /// <summary>The sides that took part, in the order first listed.</summary>
    public IReadOnlyList<string> Sides => [.. Participants.Select(p => p.Side).Distinct(StringComparer.Ordinal)];

    /// <summary>Whether people of more than one side took part (a joint patrol).</summary>
    public bool IsJoint => Sides.Count > 1;

    /// <summary>A patrol from fields given from outside, checked against the basin, or every error naming its field.</summary>
    public static (Patrol? Patrol, IReadOnlyList<PatrolError> Errors) Create(PatrolFields fields, Basin basin, PatrolActor recordedBy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(basin);
        var errors = new List<PatrolError>();
        DateOnly? date = PatrolChecks.Date("date", fields.Date, required: true, errors);
        string? reach = fields.Reach?.Trim();
        if (string.IsNullOrEmpty(reach) || basin.FindSection(reach) is null)
        {
            errors.Add(new PatrolError("reach", (string.IsNullOrEmpty(reach) ? "is required" : $"'{RiverChief.Shown(reach)}' is not a section of the basin")
                + $": the section the reach starts at ({string.Join(", ", basin.Sections.Select(s => s.Id))})"));
        }

        var participants = new List<PatrolParticipant>();
        if (fields.Participants is not { Count: > 0 } given)
        {
            errors.Add(new PatrolError("participants", "is required: at least one person, each {side, name}"));
        }
        else if (given.Count > MaxParticipants)
        {
            errors.Add(new PatrolError("participants", string.Create(CultureInfo.InvariantCulture, $"lists {given.Count}; at most {MaxParticipants}")));
        }
        else
        {
            for (int i = 0; i < given.Count; i++)
            {
                string field = string.Create(CultureInfo.InvariantCulture, $"participants[{i}]");
                string? side = PatrolChecks.Side(field + ".side", given[i]?.Side, basin, errors);
                string? name = PatrolChecks.Text(field + ".name", given[i]?.Name, PatrolChecks.MaxShortText, errors);
                if (side is not null && name is not null)
                {
                    participants.Add(new PatrolParticipant(side, name));
                }
            }
        }

        string? notes = PatrolChecks.Text("notes", fields.Notes, PatrolChecks.MaxLongText, errors, required: false);
        return errors.Count > 0 ? (null, errors) : (new Patrol(0, date!.Value, reach!, participants, notes ?? "", recordedBy, at, 0), errors);
    }
}

/// <summary>One person on a patrol.</summary>
/// <param name="Side">The jurisdiction they came for.</param>
/// <param name="Name">Their name (and post, as the sides write it).</param>
public sealed record PatrolParticipant(string Side, string Name);

/// <summary>A patrol's fields as given from outside.</summary>
/// <param name="Date"><c>yyyy-MM-dd</c>.</param>
/// <param name="Reach">Section id the reach starts at.</param>
/// <param name="Participants">People, each with side and name.</param>
/// <param name="Notes">Optional notes.</param>
public sealed record PatrolFields(string? Date, string? Reach, IReadOnlyList<PatrolParticipantFields?>? Participants, string? Notes);

/// <summary>A participant as given from outside.</summary>
/// <param name="Side">Jurisdiction id.</param>
/// <param name="Name">Name.</param>
public sealed record PatrolParticipantFields(string? Side, string? Name);

/// <summary>Who did something to a joint record: a user, the organisation they acted for, and that organisation's side (if it is one).</summary>
/// <param name="Name">The user.</param>
/// <param name="Organisation">Their organisation.</param>
/// <param name="Side">The jurisdiction the organisation acts for, or <c>null</c> (joint office, observer).</param>
public sealed record PatrolActor(string Name, string Organisation, string? Side);
