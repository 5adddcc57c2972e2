using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Qingshui.Storage;

namespace Qingshui.Server.Accounts;

/// <summary>
/// The accounts and tokens that authenticated requests re-read, kept for <see cref="ServerOptions.AccountRecheck"/>
/// (clock from the host's <see cref="TimeProvider"/>), so that a burst of requests from one member costs one store read
/// rather than one each. A change made through this server drops the entry at once (<see cref="AccountChanges"/>); a
/// change made by another process (<c>qingshui users disable</c>) is seen within the recheck interval.
/// </summary>
/// <remarks>
/// Only what the store found is kept: users named by a valid session cookie, tokens whose id exists. Guessed names and
/// ids are never cached, so the cache is bounded by the accounts and tokens in the store. The principal built from an
/// entry is shared by the requests that use it and never changed after it is built.
/// </remarks>
internal sealed class AccountCache(IAccountStore accounts, ITokenStore tokens, ServerOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Entry<StoredUser>> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry<StoredToken>> _tokens = new(StringComparer.Ordinal);

    // Bumped by every change; a read that started before a change is not kept (it may hold what the change replaced).
    private long _generation;

    /// <summary>
    /// The user and the principal its session stands for, stamped with its password hash as stored (so a session's
    /// stamp is compared, not hashed, per request); <c>null</c> when there is no such user.
    /// </summary>
    public ValueTask<Entry<StoredUser>?> UserAsync(string name, CancellationToken cancellationToken) =>
        Kept(_users, name) is Entry<StoredUser> kept ? ValueTask.FromResult<Entry<StoredUser>?>(kept) : new(ReadAsync(_users, name,
            ct => accounts.FindUserAsync(name, ct),
            found => SessionClaims.Stamped(SessionClaims.For(found.Account, CookieAuthenticationDefaults.AuthenticationScheme), found),
            cancellationToken));

    /// <summary>The token and the principal it stands for; <c>null</c> when there is no such token.</summary>
    public ValueTask<Entry<StoredToken>?> TokenAsync(string id, CancellationToken cancellationToken) =>
        Kept(_tokens, id) is Entry<StoredToken> kept ? ValueTask.FromResult<Entry<StoredToken>?>(kept) : new(ReadAsync(_tokens, id,
            ct => tokens.FindTokenAsync(id, ct), found => SessionClaims.For(found.Token, BearerTokenHandler.SchemeName), cancellationToken));

    /// <summary>
    /// The token kept under this id and still within the recheck interval, found without copying the id; <c>null</c> when
    /// none is (then <see cref="TokenAsync"/> reads it).
    /// </summary>
    public Entry<StoredToken>? KeptToken(ReadOnlySpan<char> id) =>
        _tokens.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(id, out Entry<StoredToken>? entry) && Fresh(entry, clock.GetUtcNow()) ? entry : null;

    /// <summary>Drops what is kept of this user and of a token with this id (dropping too much is harmless).</summary>
    public void Forget(string key)
    {
        Interlocked.Increment(ref _generation);
        _users.TryRemove(key, out _);
        _tokens.TryRemove(key, out _);
    }

    /// <summary>Drops everything kept.</summary>
    public void ForgetAll()
    {
        Interlocked.Increment(ref _generation);
        _users.Clear();
        _tokens.Clear();
    }

    // What is kept of the key and still within the recheck interval; the path of nearly every request, so it allocates nothing.
    private Entry<T>? Kept<T>(ConcurrentDictionary<string, Entry<T>> kept, string key)
        where T : class
    {
        return kept.TryGetValue(key, out Entry<T>? entry) && Fresh(entry, clock.GetUtcNow()) ? entry : null;
    }

    private bool Fresh<T>(Entry<T> entry, DateTimeOffset now)
        where T : class =>
        now >= entry.ReadAt && now - entry.ReadAt < options.AccountRecheck;

    private async Task<Entry<T>?> ReadAsync<T>(
        ConcurrentDictionary<string, Entry<T>> kept, string key, Func<CancellationToken, Task<T?>> read, Func<T, ClaimsPrincipal> principal,
        CancellationToken cancellationToken)
        where T : class
    {
        DateTimeOffset now = clock.GetUtcNow();
        long generation = Interlocked.Read(ref _generation);
        T? found = await read(cancellationToken);
        if (found is null)
        {
            kept.TryRemove(key, out _);
            return null;
        }

        var fresh = new Entry<T>(found, principal(found), now);
        if (options.AccountRecheck > TimeSpan.Zero)
        {
            kept[key] = fresh;

            // A change between the read and this write would otherwise leave the old value kept for a whole interval.
            if (Interlocked.Read(ref _generation) != generation)
            {
                kept.TryRemove(new KeyValuePair<string, Entry<T>>(key, fresh));
            }
        }

        return fresh;
    }

    /// <summary>What the store said, the principal built from it once, and when it was read.</summary>
    internal sealed record Entry<T>(T Stored, ClaimsPrincipal Principal, DateTimeOffset ReadAt)
    {
        private string? _matchedSecret;

        /// <summary>
        /// For a token: a secret found to match this entry's stored hash. While the entry is kept, the same secret
        /// presented again is compared with it (in fixed time) rather than hashed again; the entry goes with a revocation
        /// or after the recheck interval, and this with it.
        /// </summary>
        public string? MatchedSecret
        {
            get => Volatile.Read(ref _matchedSecret);
            set => Volatile.Write(ref _matchedSecret, value);
        }
    }
}
