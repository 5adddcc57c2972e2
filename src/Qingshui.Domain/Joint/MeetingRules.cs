using System.Globalization;

namespace Qingshui.Domain.Joint;

/// <summary>
/// What a meeting and a decision must hold: known organisations, bounded texts without control characters (line breaks
/// allowed in long texts), attachment ids of the right shape, and a decision change that leaves an open decision with a note.
/// </summary>
public static class MeetingRules
{
    /// <summary>The longest title, place, name or role.</summary>
    public const int MaxShortText = 200;

    /// <summary>The longest agenda item or decision text.</summary>
    public const int MaxItemText = 2000;

    /// <summary>The longest minutes.</summary>
    public const int MaxMinutes = 50_000;

    /// <summary>The most attendees, agenda items or attachments.</summary>
    public const int MaxItems = 100;

    /// <summary>
    /// The errors of a meeting as given (<paramref name="attendees"/> as (organisation, name, role)); none means it may be stored.
    /// </summary>
    public static IReadOnlyList<JointError> CheckMeeting(
        DateOnly? date, string? place, string? convenor, string? title, IReadOnlyList<(string? Organisation, string? Name, string? Role)>? attendees,
        IReadOnlyList<string?>? agenda, string? minutes, IReadOnlyList<string?>? attachments, IReadOnlySet<string> organisations)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        var errors = new List<JointError>();
        if (date is null)
        {
            errors.Add(new("date", "is required (yyyy-MM-dd)"));
        }

        Text(errors, "place", place, MaxShortText, required: true, multiline: false);
        Text(errors, "title", title, MaxShortText, required: true, multiline: false);
        Organisation(errors, "convenor", convenor, organisations);
        Count(errors, "attendees", attendees?.Count ?? 0);
        for (int i = 0; i < Math.Min(attendees?.Count ?? 0, MaxItems); i++)
        {
            string at = string.Create(CultureInfo.InvariantCulture, $"attendees[{i}]");
            Organisation(errors, at + ".organisation", attendees![i].Organisation, organisations);
            Text(errors, at + ".name", attendees[i].Name, MaxShortText, required: true, multiline: false);
            Text(errors, at + ".role", attendees[i].Role, MaxShortText, required: false, multiline: false);
        }

        Count(errors, "agenda", agenda?.Count ?? 0);
        for (int i = 0; i < Math.Min(agenda?.Count ?? 0, MaxItems); i++)
        {
            Text(errors, string.Create(CultureInfo.InvariantCulture, $"agenda[{i}]"), agenda![i], MaxItemText, required: true, multiline: true);
        }

        Text(errors, "minutes", minutes, MaxMinutes, required: false, multiline: true);
        Attachments(errors, attachments);
        return errors;
    }

    /// <summary>
    /// Why <paramref name="organisation"/> may not amend <paramref name="meeting"/> (its attendees, agenda, minutes and
    /// attachments, written after it was held), or null when it may: the convenor's side, or the organisation that recorded it.
    /// </summary>
    public static string? AmendRefusal(Meeting meeting, string organisation)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return organisation == meeting.Convenor || organisation == meeting.CreatedOrganisation
            ? null
            : $"Meeting {meeting.Id} is amended by its convenor's side ('{meeting.Convenor}') or the organisation that recorded it "
                + $"('{meeting.CreatedOrganisation}'), not by '{organisation}'.";
    }

    /// <summary>The errors of a new decision; none means it may be stored.</summary>
    public static IReadOnlyList<JointError> CheckDecision(string? text, string? owner, string? ownerPerson, DateOnly? deadline, IReadOnlySet<string> organisations)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        var errors = new List<JointError>();
        Text(errors, "text", text, MaxItemText, required: true, multiline: true);
        Organisation(errors, "owner", owner, organisations);
        Text(errors, "ownerPerson", ownerPerson, MaxShortText, required: false, multiline: false);
        if (deadline is null)
        {
            errors.Add(new("deadline", "is required (yyyy-MM-dd)"));
        }

        return errors;
    }

    /// <summary>Why <paramref name="decision"/> cannot move to <paramref name="to"/> with <paramref name="note"/>, or <c>null</c> when it can.</summary>
    public static JointError? ChangeRefusal(MeetingDecision decision, DecisionState to, string? note)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.State != DecisionState.Open)
        {
            return new("state", $"the decision is already {DecisionWords.Word(decision.State)}; only an open decision changes");
        }

        if (to == DecisionState.Open)
        {
            return new("state", "must be done or dropped");
        }

        var errors = new List<JointError>();
        Text(errors, "note", note, MaxItemText, required: true, multiline: true);
        return errors.Count > 0 ? errors[0] : null;
    }

    /// <summary>Checks attachment ids: at most <see cref="MaxItems"/>, each a lowercase hex SHA-256.</summary>
    public static void Attachments(List<JointError> errors, IReadOnlyList<string?>? attachments)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Count(errors, "attachments", attachments?.Count ?? 0);
        for (int i = 0; i < Math.Min(attachments?.Count ?? 0, MaxItems); i++)
        {
            if (!AttachmentIds.IsValid(attachments![i]))
            {
                errors.Add(new(string.Create(CultureInfo.InvariantCulture, $"attachments[{i}]"), "must be an attachment id (64 lowercase hex digits)"));
            }
        }
    }

    private static void Count(List<JointError> errors, string field, int count)
    {
        if (count > MaxItems)
        {
            errors.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"has {count} items; at most {MaxItems}")));
        }
    }

    private static void Organisation(List<JointError> errors, string field, string? id, IReadOnlySet<string> organisations)
    {
        if (string.IsNullOrEmpty(id))
        {
            errors.Add(new(field, "is required (an organisation id)"));
        }
        else if (!organisations.Contains(id))
        {
            errors.Add(new(field, $"'{(id.Length > 64 ? id[..64] + "…" : id)}' is not an organisation of the basin ({string.Join(", ", organisations.Order(StringComparer.Ordinal))})"));
        }
    }

    private static void Text(List<JointError> errors, string field, string? text, int max, bool required, bool multiline)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add(new(field, "is required"));
            }

            return;
        }

        if (text.Length > max)
        {
            errors.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"is {text.Length} characters; at most {max}")));
        }
        else if (text.Any(c => (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
            || char.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            errors.Add(new(field, multiline ? "must not contain control characters (line breaks and tabs are fine)" : "must be one line without control characters"));
        }
    }
}
