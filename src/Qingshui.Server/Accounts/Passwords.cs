using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Qingshui.Domain.Access;

namespace Qingshui.Server.Accounts;

/// <summary>
/// Password hashing, by ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2, salted, its iteration
/// count inside the hash so that it can be raised later). No cryptography of our own.
/// </summary>
internal sealed class Passwords
{
    private static readonly UserAccount Nobody = new("nobody", "nobody", "nobody", new HashSet<Role>(), Disabled: true, 0, null);
    private readonly PasswordHasher<UserAccount> _hasher;

    // A real hash of a password no one has: checking it for an unknown name costs what checking a real account costs,
    // so the time a refusal takes does not tell whether the name exists.
    private readonly Lazy<string> _decoy;

    public Passwords()
        : this(null)
    {
    }

    /// <param name="options">The hasher's settings: Identity's defaults (its current iteration count) unless configured.</param>
    public Passwords(IOptions<PasswordHasherOptions>? options)
    {
        _hasher = new PasswordHasher<UserAccount>(options);
        _decoy = new Lazy<string>(() => _hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));
    }

    public string Hash(UserAccount account, string password) => _hasher.HashPassword(account, password);

    /// <summary>Whether the password matches, and whether the hash should be replaced by a fresh one (older, weaker settings).</summary>
    public (bool Matches, bool Rehash) Verify(UserAccount account, string hash, string password) => _hasher.VerifyHashedPassword(account, hash, password) switch
    {
        PasswordVerificationResult.Success => (true, false),
        PasswordVerificationResult.SuccessRehashNeeded => (true, true),
        _ => (false, false),
    };

    /// <summary>Spends the time of one verification against a hash no password matches.</summary>
    public void VerifyDecoy(string password) => _hasher.VerifyHashedPassword(Nobody, _decoy.Value, password);

    /// <summary>A new random password (20 characters from 56 unambiguous ones, ≈116 bits) for <c>--generate-password</c>.</summary>
    public static string Generate() =>
        System.Security.Cryptography.RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
}
