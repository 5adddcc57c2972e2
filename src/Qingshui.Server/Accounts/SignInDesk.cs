using System.Globalization;
using Microsoft.Extensions.Logging;
using Qingshui.Domain.Access;
using Qingshui.Domain.Audit;
using Qingshui.Storage;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Accounts;

/// <summary>
/// Checks a name and password against the store, applying the domain's lockout rules and counting failures in the
/// store. A refusal carries its reason for the log and the audit log only (<see cref="RefusedAction"/>, never the
/// password): the caller answers every refusal the same way. Refusals reach the audit log at most at the sign-in rate
/// limit per address, each after a password hash's work.
/// </summary>
internal sealed class SignInDesk(
    IAccountStore store, Passwords passwords, ServerOptions options, TimeProvider clock, IAuditStore audit, ILogger<SignInDesk> logger)
{
    public const string RefusedAction = "auth.sign-in-refused";

    /// <summary>Who a refused sign-in is recorded as (log and audit log) when no account has the name tried.</summary>
    public const string UnknownAccount = "(unknown account)";

    /// <summary>The account signed in, with its password hash as stored now (a sign-in may upgrade it); <c>null</c> when refused.</summary>
    public async Task<StoredUser?> TryAsync(string name, string password, string remote, CancellationToken cancellationToken)
    {
        StoredUser? stored = await store.FindUserAsync(name, cancellationToken);
        DateTimeOffset now = clock.GetUtcNow();
        if (stored is null || !stored.Account.MaySignInAt(now))
        {
            passwords.VerifyDecoy(password);
            string reason = stored is null ? "no such user" : stored.Account.Disabled ? "account disabled"
                : string.Create(CultureInfo.InvariantCulture, $"account locked until {stored.Account.LockedUntil:O}");
            // An unknown name may be a password typed in the wrong field, even one shaped like a name: it is not kept.
            string tried = stored is null ? UnknownAccount : name;
            Log.SignInRefused(logger, tried, remote, reason);
            await RecordRefusalAsync(tried, stored?.Account.Organisation, remote, now, reason, cancellationToken);
            return null;
        }

        (bool matches, bool rehash) = passwords.Verify(stored.Account, stored.PasswordHash, password);
        if (!matches)
        {
            UserAccount? after = await store.UpdateUserAsync(name, a => a.AfterFailedSignIn(now, options.SignInLockout), cancellationToken);
            Log.SignInRefused(logger, name, remote, "wrong password");
            string locked = "";
            if (after?.LockedUntil is DateTimeOffset until && until > now)
            {
                Log.AccountLocked(logger, name, until.ToString("O", CultureInfo.InvariantCulture), remote);
                locked = string.Create(CultureInfo.InvariantCulture, $"; account locked until {until:O}");
            }

            await RecordRefusalAsync(name, stored.Account.Organisation, remote, now, "wrong password" + locked, cancellationToken);
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

    // The actor is the account's name, or UnknownAccount when no account has the name tried.
    private Task<AuditEntry> RecordRefusalAsync(string actor, string? organisation, string remote, DateTimeOffset now, string reason, CancellationToken cancellationToken) =>
        audit.AppendAsync(AuditRecord.Create(now, new AuditActor(actor, organisation ?? "", remote),
            RefusedAction, "session", AuditOutcome.Refused, reason, null, null), cancellationToken);
}
