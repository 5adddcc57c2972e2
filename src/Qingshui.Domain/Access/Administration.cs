namespace Qingshui.Domain.Access;

/// <summary>
/// Who may manage which accounts and tokens (管理权限), and the changes no admin may make. The web and the command line
/// check the same rules; the command line, run by whoever holds the store, is outside any organisation's scope.
/// </summary>
/// <remarks>
/// An admin of the basin's joint office manages every organisation's users and tokens; an admin of any other
/// organisation (a jurisdiction, an observer) manages its own organisation's only. In its own organisation an admin may
/// grant any role; in another (the joint office's admins only) no more than viewer, and no password for an account that
/// holds more (<see cref="ProxyRefusal"/>): every other role acts for that organisation, and a party's side is signed
/// only by accounts its own admins made. An admin may not disable
/// itself, or take the admin role from itself, while it is its organisation's last enabled admin: nobody would be left
/// to manage that organisation but the joint office or the holder of the store.
/// </remarks>
public static class Administration
{
    /// <summary>Whether an admin of <paramref name="admin"/> manages the users and tokens of organisation <paramref name="target"/>.</summary>
    public static bool Manages(Organisation admin, string target)
    {
        ArgumentNullException.ThrowIfNull(admin);
        return admin.Kind == OrganisationKind.JointOffice || string.Equals(admin.Id, target, StringComparison.Ordinal);
    }

    /// <summary>Why an admin of <paramref name="admin"/> may not manage organisation <paramref name="target"/>; <c>null</c> when it may.</summary>
    public static string? ScopeRefusal(Organisation admin, string target) => Manages(admin, target)
        ? null
        : $"An admin of '{admin.Id}' manages the users and tokens of '{admin.Id}' only; '{target}' is another organisation's (only the joint office's admins manage every organisation).";

    /// <summary>
    /// Why an admin of <paramref name="admin"/> may not give someone in organisation <paramref name="target"/> the power of
    /// <paramref name="granted"/> (by making an account or token, adding roles, enabling an account or setting its
    /// password); <c>null</c> when it may.
    /// </summary>
    /// <remarks>
    /// Every role but viewer acts for its organisation: signs its side of a ledger, runs or reviews its stations, manages
    /// its accounts, speaks for it in joint work. Only the organisation's own admins, or the holder of the store through
    /// the command line, give those; taking them away (disabling, removing roles, revoking) stays open to the joint office.
    /// </remarks>
    public static string? ProxyRefusal(Organisation admin, string target, IEnumerable<Role> granted)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(granted);
        if (string.Equals(admin.Id, target, StringComparison.Ordinal))
        {
            return null;
        }

        string[] acting = [.. granted.Where(r => r != Role.Viewer).Distinct().Order().Select(RoleNames.Text)];
        return acting.Length == 0 ? null
            : $"An admin of '{admin.Id}' may not give anyone in '{target}' the power of {string.Join(", ", acting)}: those act for '{target}' "
              + $"(its side of a ledger, its stations, its accounts), so only an admin of '{target}' gives them, or the holder of the store "
              + "with `qingshui users`. Outside its own organisation an admin gives no more than viewer.";
    }

    /// <summary>
    /// Why <paramref name="actor"/> may not change account <paramref name="before"/> into <paramref name="after"/>, given
    /// the other accounts of its organisation; <c>null</c> when it may.
    /// </summary>
    /// <param name="actor">The name of the user making the change.</param>
    /// <param name="before">The account as it stands.</param>
    /// <param name="after">The account as the change would leave it.</param>
    /// <param name="colleagues">The accounts of the same organisation (the changed one among them or not: it is skipped).</param>
    public static string? LastAdminRefusal(string actor, UserAccount before, UserAccount after, IEnumerable<UserAccount> colleagues)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(colleagues);
        if (!string.Equals(actor, before.Name, StringComparison.Ordinal) || !IsActiveAdmin(before) || IsActiveAdmin(after))
        {
            return null;
        }

        bool othersLeft = colleagues.Any(c => !string.Equals(c.Name, before.Name, StringComparison.Ordinal)
            && string.Equals(c.Organisation, before.Organisation, StringComparison.Ordinal) && IsActiveAdmin(c));
        return othersLeft ? null
            : $"'{before.Name}' is the last enabled admin of '{before.Organisation}': it may not disable itself or give up the admin role "
              + "until another admin of the organisation is enabled.";
    }

    /// <summary>
    /// The roles a change of an account gives: those it did not hold before, and every one it holds when the change
    /// enables it. A disabled account's roles count as held: whoever enables it later gives them back.
    /// </summary>
    public static IEnumerable<Role> Granted(UserAccount before, UserAccount after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return before.Disabled && !after.Disabled ? after.Roles : after.Roles.Except(before.Roles);
    }

    /// <summary>An enabled account holding the admin role.</summary>
    public static bool IsActiveAdmin(UserAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return !account.Disabled && account.Roles.Contains(Role.Admin);
    }

    /// <summary>Why <paramref name="roles"/> cannot be an account's or token's roles; <c>null</c> when they can.</summary>
    public static AccessError? CheckRoles(IReadOnlyCollection<Role> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return roles.Count == 0 ? new AccessError("roles", $"at least one role is required ({string.Join(", ", RoleNames.All)})") : null;
    }
}
