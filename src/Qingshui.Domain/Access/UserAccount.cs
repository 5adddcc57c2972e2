namespace Qingshui.Domain.Access;

/// <summary>A person's account (用户): who, in which organisation, with which roles, and its sign-in standing.</summary>
/// <remarks>
/// Create through <see cref="Create"/>, which checks every field; the constructor trusts its caller (the store).
/// The password hash is not part of the account: it is kept by the store and read only to check a password.
/// Sign-in rules take "now" as a parameter; the account never reads a clock.
/// </remarks>
/// <param name="Name">Sign-in name (see <see cref="AccessNames"/>), unique.</param>
/// <param name="DisplayName">The name shown to others.</param>
/// <param name="Organisation">The id of the organisation the user belongs to.</param>
/// <param name="Roles">The roles held.</param>
/// <param name="Disabled">Whether the account may sign in at all.</param>
/// <param name="FailedSignIns">Consecutive failed sign-ins since the last success or lock.</param>
/// <param name="LockedUntil">Until when sign-in is refused after too many failures; <c>null</c> when never locked.</param>
public sealed record UserAccount(
    string Name, string DisplayName, string Organisation, IReadOnlySet<Role> Roles, bool Disabled, int FailedSignIns, DateTimeOffset? LockedUntil)
{
    /// <summary>A new, enabled account with checked fields, or what is wrong with them.</summary>
    public static (UserAccount? Account, IReadOnlyList<AccessError> Errors) Create(string? name, string? displayName, string? organisation, IEnumerable<Role> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var errors = new List<AccessError>();
        var held = roles.ToHashSet();
        foreach (AccessError? error in new[]
                 {
                     AccessNames.CheckId("name", name), AccessNames.CheckDisplayName("display-name", displayName ?? name),
                     AccessNames.CheckId("organisation", organisation),
                 })
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

        return errors.Count > 0 ? (null, errors) : (new UserAccount(name!, displayName ?? name!, organisation!, held, false, 0, null), errors);
    }

    /// <summary>Whether a sign-in at <paramref name="now"/> is refused because of earlier failures.</summary>
    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is DateTimeOffset until && now < until;

    /// <summary>
    /// Whether the account may try a password at <paramref name="now"/>: enabled and not locked. A refused account's
    /// password is not checked, so guessing while locked learns nothing.
    /// </summary>
    public bool MaySignInAt(DateTimeOffset now) => !Disabled && !IsLockedAt(now);

    /// <summary>The account after a wrong password at <paramref name="now"/>: one more failure, and locked when that reaches the policy's count.</summary>
    public UserAccount AfterFailedSignIn(DateTimeOffset now, LockoutPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        int failures = FailedSignIns + 1;
        return failures >= policy.MaxFailures
            ? this with { FailedSignIns = 0, LockedUntil = now + policy.Duration }
            : this with { FailedSignIns = failures };
    }

    /// <summary>The account after a successful sign-in: failures forgotten.</summary>
    public UserAccount AfterSuccessfulSignIn() => this with { FailedSignIns = 0, LockedUntil = null };
}
