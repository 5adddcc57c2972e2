using System.Globalization;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Joint;

/// <summary>Checks shared by river chiefs, patrols, findings and cases: bounded text, attachment ids, positions.</summary>
public static class PatrolChecks
{
    /// <summary>The longest short text (a name, a contact, a place).</summary>
    public const int MaxShortText = 200;

    /// <summary>The longest long text (what was found, how it was closed, an action).</summary>
    public const int MaxLongText = 4000;

    /// <summary>The most attachments one record references.</summary>
    public const int MaxAttachments = 50;

    /// <summary>
    /// A required text, trimmed: present, within <paramref name="max"/> characters, without control characters other
    /// than line breaks and tabs (text from outside is shown on both sides' screens).
    /// </summary>
    public static string? Text(string field, string? value, int max, List<PatrolError> errors, bool required = true)
    {
        ArgumentNullException.ThrowIfNull(errors);
        string trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            if (required)
            {
                errors.Add(new PatrolError(field, "is required"));
            }

            return null;
        }

        if (trimmed.Length > max)
        {
            errors.Add(new PatrolError(field, string.Create(CultureInfo.InvariantCulture, $"is {trimmed.Length} characters; at most {max}")));
            return null;
        }

        int bad = trimmed.AsSpan().IndexOfAnyInRange('\0', '\u001f');
        while (bad >= 0 && trimmed[bad] is '\n' or '\r' or '\t')
        {
            int next = trimmed.AsSpan(bad + 1).IndexOfAnyInRange('\0', '\u001f');
            bad = next < 0 ? -1 : bad + 1 + next;
        }

        if (bad >= 0 || trimmed.Contains('\u007f', StringComparison.Ordinal))
        {
            errors.Add(new PatrolError(field, "contains a control character"));
            return null;
        }

        return trimmed;
    }

    /// <summary>
    /// Attachment ids: each the lowercase hex SHA-256 of an attachment's content (64 characters), no repeats, at most
    /// <see cref="MaxAttachments"/>. Whether each attachment exists is the attachment store's to say.
    /// </summary>
    public static IReadOnlyList<string> AttachmentIds(string field, IReadOnlyList<string?>? ids, List<PatrolError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (ids is null || ids.Count == 0)
        {
            return [];
        }

        if (ids.Count > MaxAttachments)
        {
            errors.Add(new PatrolError(field, string.Create(CultureInfo.InvariantCulture, $"has {ids.Count} ids; at most {MaxAttachments}")));
            return [];
        }

        var seen = new List<string>(ids.Count);
        for (int i = 0; i < ids.Count; i++)
        {
            string? id = ids[i];
            if (id is not { Length: 64 } || !id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
            {
                string shown = id is null ? "null" : id.Length > 70 ? id[..70] + "…" : id;
                errors.Add(new PatrolError(string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]"),
                    $"'{shown}' is not an attachment id (the lowercase hex SHA-256 of its content, 64 characters)"));
            }
            else if (seen.Contains(id, StringComparer.Ordinal))
            {
                errors.Add(new PatrolError(string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]"), $"'{id}' is listed twice"));
            }
            else
            {
                seen.Add(id);
            }
        }

        return seen;
    }

    /// <summary>Whether a longitude and latitude are a WGS 84 position (finite, within ±180 and ±90).</summary>
    public static bool IsPosition(double longitude, double latitude) =>
        double.IsFinite(longitude) && double.IsFinite(latitude) && longitude is >= -180 and <= 180 && latitude is >= -90 and <= 90;

    /// <summary>A side given from outside: a jurisdiction of the basin.</summary>
    public static string? Side(string field, string? value, Basin basin, List<PatrolError> errors)
    {
        ArgumentNullException.ThrowIfNull(basin);
        ArgumentNullException.ThrowIfNull(errors);
        string known = string.Join(", ", basin.Jurisdictions.Select(j => j.Id));
        string? side = value?.Trim();
        if (string.IsNullOrEmpty(side))
        {
            errors.Add(new PatrolError(field, $"is required: a jurisdiction of the basin ({known})"));
            return null;
        }

        if (!basin.Jurisdictions.Any(j => string.Equals(j.Id, side, StringComparison.Ordinal)))
        {
            errors.Add(new PatrolError(field, $"'{RiverChief.Shown(side)}' is not a jurisdiction of the basin ({known})"));
            return null;
        }

        return side;
    }

    /// <summary>A calendar date given from outside as <c>yyyy-MM-dd</c>.</summary>
    public static DateOnly? Date(string field, string? value, bool required, List<PatrolError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        string? text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                errors.Add(new PatrolError(field, "is required: a date yyyy-MM-dd"));
            }

            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date) || date.Year < 1990 || date.Year > 2200)
        {
            errors.Add(new PatrolError(field, $"'{RiverChief.Shown(text)}' is not a date yyyy-MM-dd between 1990 and 2200"));
            return null;
        }

        return date;
    }
}
