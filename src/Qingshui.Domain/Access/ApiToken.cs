namespace Qingshui.Domain.Access;

/// <summary>Whether a token may be used at a given time, and if not, why.</summary>
public enum TokenStanding
{
    /// <summary>Usable.</summary>
    Valid,

    /// <summary>Its expiry has passed.</summary>
    Expired,

    /// <summary>Revoked by an admin.</summary>
    Revoked,
}

/// <summary>
/// A bearer API token for a machine or an integration (令牌): it acts for one organisation with the roles it names,
/// until it expires or is revoked. The secret is not part of it: only the store keeps a hash of the secret.
/// </summary>
/// <remarks>Create through <see cref="Create"/>, which checks every field; the constructor trusts its caller (the store).</remarks>
/// <param name="Id">Public identifier (see <see cref="AccessNames"/>); the token's text starts with it.</param>
/// <param name="Organisation">The id of the organisation the token acts for.</param>
/// <param name="Roles">The roles it holds.</param>
/// <param name="Name">What it is for (a display name, e.g. "Hunan data bridge").</param>
/// <param name="Created">When it was issued.</param>
/// <param name="Expires">From when it is refused.</param>
/// <param name="Revoked">When it was revoked; <c>null</c> while not.</param>
public sealed record ApiToken(
    string Id, string Organisation, IReadOnlySet<Role> Roles, string Name, DateTimeOffset Created, DateTimeOffset Expires, DateTimeOffset? Revoked)
{
    /// <summary>Longest lifetime a token may be issued for.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(730);

    /// <summary>A new token with checked fields, or what is wrong with them.</summary>
    public static (ApiToken? Token, IReadOnlyList<AccessError> Errors) Create(
        string? id, string? organisation, IEnumerable<Role> roles, string? name, DateTimeOffset created, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var errors = new List<AccessError>();
        var held = roles.ToHashSet();
        foreach (AccessError? error in new[] { AccessNames.CheckId("id", id), AccessNames.CheckId("organisation", organisation), AccessNames.CheckDisplayName("name", name) })
        {
            if (error is not null)
            {
                errors.Add(error);
            }
        }

        if (held.Count == 0)
        {
            errors.Add(new AccessError("role", $"at least one role is required ({string.Join(", ", RoleNames.All)})"));
        }

        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
        {
            errors.Add(new AccessError("expires-days", $"must be 1–{MaxLifetime.TotalDays:0} days"));
        }

        return errors.Count > 0 ? (null, errors) : (new ApiToken(id!, organisation!, held, name!, created, created + lifetime, null), errors);
    }

    /// <summary>Whether the token may be used at <paramref name="now"/>; revocation wins over expiry.</summary>
    public TokenStanding StandingAt(DateTimeOffset now) =>
        Revoked is not null ? TokenStanding.Revoked : now >= Expires ? TokenStanding.Expired : TokenStanding.Valid;
}
