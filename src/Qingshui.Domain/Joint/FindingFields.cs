using Qingshui.Domain.Network;

namespace Qingshui.Domain.Joint;

/// <summary>A finding's fields as given from outside.</summary>
/// <param name="Text">What was found.</param>
/// <param name="Longitude">Where (degrees east), with <paramref name="Latitude"/>, or neither.</param>
/// <param name="Latitude">Where (degrees north).</param>
/// <param name="Photos">Photo attachment ids.</param>
/// <param name="Owner">The organisation id that must put it right.</param>
/// <param name="Deadline"><c>yyyy-MM-dd</c>, or none.</param>
public sealed record FindingFields(string? Text, double? Longitude, double? Latitude, IReadOnlyList<string?>? Photos, string? Owner, string? Deadline)
{
    /// <summary>
    /// A finding of patrol <paramref name="patrol"/> from these fields, or every error naming its field.
    /// <paramref name="organisations"/> maps each known organisation to the jurisdiction it acts for (or <c>null</c>).
    /// </summary>
    public (Finding? Finding, IReadOnlyList<PatrolError> Errors) Check(
        long patrol, IReadOnlyDictionary<string, string?> organisations, PatrolActor recordedBy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        var errors = new List<PatrolError>();
        string? text = PatrolChecks.Text("text", Text, PatrolChecks.MaxLongText, errors);
        GeoPoint? position = null;
        if (Longitude is double lon && Latitude is double lat)
        {
            if (PatrolChecks.IsPosition(lon, lat))
            {
                position = new GeoPoint(lon, lat);
            }
            else
            {
                errors.Add(new PatrolError("longitude", "longitude must be −180…180 and latitude −90…90"));
            }
        }
        else if (Longitude is not null || Latitude is not null)
        {
            errors.Add(new PatrolError(Longitude is null ? "longitude" : "latitude", "a position needs both longitude and latitude"));
        }

        IReadOnlyList<string> photos = PatrolChecks.AttachmentIds("photos", Photos, errors);
        string? owner = Owner?.Trim();
        string? ownerSide = null;
        if (string.IsNullOrEmpty(owner))
        {
            errors.Add(new PatrolError("owner", "is required: the id of the organisation that must put it right"));
        }
        else if (!organisations.TryGetValue(owner, out ownerSide))
        {
            errors.Add(new PatrolError("owner", $"'{RiverChief.Shown(owner)}' is not an organisation of the platform"));
        }

        DateOnly? deadline = PatrolChecks.Date("deadline", Deadline, required: false, errors);
        return errors.Count > 0
            ? (null, errors)
            : (new Finding(0, patrol, text!, position, photos, owner!, ownerSide, deadline, recordedBy, at, null), errors);
    }
}
