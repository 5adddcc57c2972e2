using Qingshui.Domain.Network;

namespace Qingshui.Domain.Access;

/// <summary>An organisation users belong to (单位): a jurisdiction of the basin, its joint office, or an observer.</summary>
/// <remarks>Create through <see cref="Create"/>, which checks every field; the constructor trusts its caller (the store).</remarks>
/// <param name="Id">Identifier (see <see cref="AccessNames"/>).</param>
/// <param name="Name">Chinese and English names.</param>
/// <param name="Kind">What it is to the basin.</param>
/// <param name="JurisdictionId">For a jurisdiction, the basin's jurisdiction id it acts for; otherwise <c>null</c>.</param>
public sealed record Organisation(string Id, LocalizedText Name, OrganisationKind Kind, string? JurisdictionId)
{
    /// <summary>
    /// An organisation with checked fields, or what is wrong with them. A jurisdiction must name one of
    /// <paramref name="basinJurisdictions"/>; the other kinds must name none.
    /// </summary>
    public static (Organisation? Organisation, IReadOnlyList<AccessError> Errors) Create(
        string? id, string? chinese, string? english, OrganisationKind kind, string? jurisdictionId, IReadOnlyList<Jurisdiction> basinJurisdictions)
    {
        ArgumentNullException.ThrowIfNull(basinJurisdictions);
        var errors = new List<AccessError>();
        Add(errors, AccessNames.CheckId("id", id));
        Add(errors, AccessNames.CheckDisplayName("name-zh", chinese));
        Add(errors, AccessNames.CheckDisplayName("name-en", english));
        if (kind == OrganisationKind.Jurisdiction)
        {
            if (!basinJurisdictions.Any(j => string.Equals(j.Id, jurisdictionId, StringComparison.Ordinal)))
            {
                string known = string.Join(", ", basinJurisdictions.Select(j => j.Id));
                errors.Add(new AccessError("jurisdiction", jurisdictionId is null
                    ? $"a jurisdiction organisation must name the basin's jurisdiction it acts for ({known})"
                    : $"'{jurisdictionId}' is not a jurisdiction of the basin ({known})"));
            }
        }
        else if (jurisdictionId is not null)
        {
            errors.Add(new AccessError("jurisdiction", "only a jurisdiction organisation names a jurisdiction"));
        }

        return errors.Count > 0 ? (null, errors) : (new Organisation(id!, new LocalizedText(chinese!, english!), kind, jurisdictionId), errors);
    }

    private static void Add(List<AccessError> errors, AccessError? error)
    {
        if (error is not null)
        {
            errors.Add(error);
        }
    }
}
