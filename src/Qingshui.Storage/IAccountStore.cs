using Qingshui.Domain.Access;

namespace Qingshui.Storage;

/// <summary>What adding a user or an organisation came to.</summary>
public enum AccountWrite
{
    /// <summary>Added.</summary>
    Added,

    /// <summary>The name or id is taken already.</summary>
    Taken,

    /// <summary>The user's organisation is not in the store.</summary>
    UnknownOrganisation,
}

/// <summary>A user as stored: the account and its password hash (the hasher's own format, never the password).</summary>
/// <param name="Account">The account.</param>
/// <param name="PasswordHash">The hash, to be checked by the password hasher only.</param>
/// <param name="SessionGeneration">How many times the account was disabled: sessions made before the last time are over.</param>
public sealed record StoredUser(UserAccount Account, string PasswordHash, long SessionGeneration = 0);

/// <summary>What a checked change of a user came to: the account before, and after it or why it was refused.</summary>
/// <param name="Before">The account as it stood.</param>
/// <param name="After">The account as written; <c>null</c> when refused.</param>
/// <param name="Refusal">Why the change was refused; <c>null</c> when written.</param>
public sealed record UserChange(UserAccount Before, UserAccount? After, string? Refusal);

/// <summary>Where organisations and user accounts live: the same store as everything else.</summary>
public interface IAccountStore
{
    /// <summary>Adds an organisation; <see cref="AccountWrite.Taken"/> when its id exists.</summary>
    Task<AccountWrite> AddOrganisationAsync(Organisation organisation, CancellationToken cancellationToken);

    /// <summary>Every organisation, by id.</summary>
    Task<IReadOnlyList<Organisation>> OrganisationsAsync(CancellationToken cancellationToken);

    /// <summary>Adds a user with its password hash; refused when the name is taken or the organisation unknown.</summary>
    Task<AccountWrite> AddUserAsync(UserAccount account, string passwordHash, CancellationToken cancellationToken);

    /// <summary>Every user, by name (without password hashes).</summary>
    Task<IReadOnlyList<UserAccount>> UsersAsync(CancellationToken cancellationToken);

    /// <summary>The user with this name and its password hash; <c>null</c> when there is none.</summary>
    Task<StoredUser?> FindUserAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the user, applies <paramref name="change"/> and writes the result, in one transaction under the store's
    /// write lock, so that concurrent changes (failed sign-ins counted at once) are not lost. Name and organisation
    /// do not change. Returns the account as written, or <c>null</c> when there is no such user.
    /// </summary>
    Task<UserAccount?> UpdateUserAsync(string name, Func<UserAccount, UserAccount> change, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="UpdateUserAsync"/>, but <paramref name="decide"/> also sees the organisation's other users, read in
    /// the same transaction, and may refuse (a rule such as "the last admin stays" holds against concurrent changes).
    /// Returns <c>null</c> when there is no such user.
    /// </summary>
    Task<UserChange?> ChangeUserAsync(
        string name, Func<UserAccount, IReadOnlyList<UserAccount>, (UserAccount? After, string? Refusal)> decide, CancellationToken cancellationToken);

    /// <summary>Replaces the user's password hash (a new password, or the same one rehashed with stronger settings).</summary>
    Task<bool> SetPasswordHashAsync(string name, string passwordHash, CancellationToken cancellationToken);
}
