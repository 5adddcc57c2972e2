using Microsoft.Extensions.Logging;
using Qingshui.Domain.Access;
using Qingshui.Storage;

namespace Qingshui.Server.Accounts;

/// <summary>
/// Checks a name and password against the store, applying the domain's lockout rules and counting failures in the
/// store. A refusal carries its reason for the log only: the caller answers every refusal the same way.
/// </summary>
internal sealed class SignInDesk(IAccountStore store, Passwords passwords, ServerOptions options, TimeProvider clock, ILogger<SignInDesk> logger)
{
    /// <summary>The account signed in, with its password hash as stored now (a sign-in may upgrade it); <c>null</c> when refused.</summary>
    public async Task<StoredUser?> TryAsync(string name, string password, string remote, CancellationToken cancellationToken)
    {
        StoredUser? stored = await store.FindUserAsync(name, cancellationToken);
        DateTimeOffset now = clock.GetUtcNow();
        if (stored is null || !stored.Account.MaySignInAt(now))
        {
            passwords.VerifyDecoy(password);
            string reason = stored is null ? "no such user" : stored.Account.Disabled ? "account disabled"
                : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"account locked until {stored.Account.LockedUntil:O}");
            Log.SignInRefused(logger, name, remote, reason);
            return null;
        }

        (bool matches, bool rehash) = passwords.Verify(stored.Account, stored.PasswordHash, password);
        if (!matches)
        {
            UserAccount? after = await store.UpdateUserAsync(name, a => a.AfterFailedSignIn(now, options.SignInLockout), cancellationToken);
            Log.SignInRefused(logger, name, remote, "wrong password");
            if (after?.LockedUntil is DateTimeOffset until && until > now)
            {
                Log.AccountLocked(logger, name, until.ToString("O", System.Globalization.CultureInfo.InvariantCulture), remote);
            }

            return null;
        }

        string hash = stored.PasswordHash;
        if (rehash)
        {
            hash = passwords.Hash(stored.Account, password);
            await store.SetPasswordHashAsync(name, hash, cancellationToken);
        }

        UserAccount account = stored.Account;
        if (account.FailedSignIns > 0 || account.LockedUntil is not null)
        {
            account = await store.UpdateUserAsync(name, a => a.AfterSuccessfulSignIn(), cancellationToken) ?? account;
        }

        Log.SignedIn(logger, name, account.Organisation, remote);
        return stored with { Account = account, PasswordHash = hash };
    }
}
