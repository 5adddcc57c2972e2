using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Qingshui.Domain.Access;
using Qingshui.Storage;

namespace Qingshui.Server.Accounts;

/// <summary>
/// Who a request's holder is: name, display name, organisation and roles, built from the stored account or token.
/// The session cookie keeps only the name (<see cref="NameOnly"/>).
/// </summary>
internal static class SessionClaims
{
    public const string Organisation = "qingshui:organisation";

    /// <summary>
    /// A fingerprint of the password hash a session was signed in with: kept in the cookie, compared with the account's
    /// at each re-read, so setting a new password ends every session made with the old one.
    /// </summary>
    public const string Stamp = "qingshui:stamp";

    public static ClaimsPrincipal For(UserAccount account, string scheme)
    {
        var identity = new ClaimsIdentity(scheme, ClaimTypes.NameIdentifier, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, account.Name));
        identity.AddClaim(new Claim(ClaimTypes.Name, account.DisplayName));
        identity.AddClaim(new Claim(Organisation, account.Organisation));
        foreach (Role role in account.Roles.Order())
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, RoleNames.Text(role)));
        }

        return new ClaimsPrincipal(identity);
    }

    /// <summary>A bearer token's holder: named <c>token:&lt;id&gt;</c>, shown by the token's name.</summary>
    public static ClaimsPrincipal For(ApiToken token, string scheme)
    {
        var identity = new ClaimsIdentity(scheme, ClaimTypes.NameIdentifier, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, "token:" + token.Id));
        identity.AddClaim(new Claim(ClaimTypes.Name, token.Name));
        identity.AddClaim(new Claim(Organisation, token.Organisation));
        foreach (Role role in token.Roles.Order())
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, RoleNames.Text(role)));
        }

        return new ClaimsPrincipal(identity);
    }

    /// <summary>What the session cookie keeps of a principal: its name and password stamp only (the rest is read from the account).</summary>
    /// <remarks>
    /// The name is the identity's name under the default name claim type, which the ticket format writes as one byte
    /// rather than the 70-character claim-type URI: a shorter cookie to send, parse and look up on every request.
    /// </remarks>
    public static ClaimsPrincipal NameOnly(ClaimsPrincipal user, string scheme)
    {
        var identity = new ClaimsIdentity(scheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, Name(user)));
        if (StampIn(user) is string stamp)
        {
            identity.AddClaim(new Claim(Stamp, stamp));
        }

        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// The stamp of a stored user: 64 bits of the SHA-256 of its password hash and session generation, enough to tell
    /// one from the next. A new password or a disabling (even undone later) changes it, and ends the sessions made before.
    /// </summary>
    public static string StampOf(StoredUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        // Generation 0 stamps the hash alone, as before generations were kept, so upgrading ends no session.
        string stamped = user.SessionGeneration == 0
            ? user.PasswordHash
            : user.PasswordHash + "#" + user.SessionGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(stamped)), 0, 8);
    }

    /// <summary>
    /// The user a session cookie's principal names: its identity's name, by whichever claim type the identity names its
    /// holder (the default name claim; cookies issued earlier named the holder by the NameIdentifier claim).
    /// </summary>
    public static string HolderOf(ClaimsPrincipal cookie) => cookie.Identity?.Name ?? "";

    /// <summary>The session's stamp; <c>null</c> when it carries none.</summary>
    public static string? StampIn(ClaimsPrincipal user) => user.FindFirstValue(Stamp);

    /// <summary>The principal with the stamp of the stored user it signed in as added.</summary>
    public static ClaimsPrincipal Stamped(ClaimsPrincipal user, StoredUser stored)
    {
        ((ClaimsIdentity)user.Identity!).AddClaim(new Claim(Stamp, StampOf(stored)));
        return user;
    }

    /// <summary>Whether the holder came with a bearer token (whose writes need no antiforgery token: no browser sends it unasked).</summary>
    public static bool IsBearer(ClaimsPrincipal user) => user.Identity is { IsAuthenticated: true, AuthenticationType: BearerTokenHandler.SchemeName };

    public static string Name(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public static string DisplayName(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name) ?? "";

    public static string OrganisationOf(ClaimsPrincipal user) => user.FindFirstValue(Organisation) ?? "";

    public static string[] Roles(ClaimsPrincipal user) => [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value)];
}
