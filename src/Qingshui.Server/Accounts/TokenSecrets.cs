using System.Security.Cryptography;
using System.Runtime.InteropServices;
using System.Text;

namespace Qingshui.Server.Accounts;

/// <summary>
/// The text of a bearer token, <c>qs_&lt;id&gt;_&lt;secret&gt;</c>: a public id to find it by and 256 random bits from the
/// BCL's <see cref="RandomNumberGenerator"/>. The store keeps only the SHA-256 of the secret; a secret this random
/// needs no slow hash (nothing to guess), and comparison is in fixed time.
/// </summary>
internal static class TokenSecrets
{
    public const string Prefix = "qs_";

    // Longer texts are not tokens: bounds what is parsed and hashed for a guesser.
    private const int MaxLength = 200;

    /// <summary>A fresh id (<c>t</c> and 12 hex digits) and secret (43 base64url characters), and the token's full text.</summary>
    public static (string Id, string Secret, string Text) Issue()
    {
        string id = "t" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        string secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, secret, $"{Prefix}{id}_{secret}");
    }

    /// <summary>The id and secret in a token's text, or <c>null</c> when it is not one.</summary>
    public static (string Id, string Secret)? Parse(string text) =>
        TryParse(text, out ReadOnlySpan<char> id, out ReadOnlySpan<char> secret) ? (id.ToString(), secret.ToString()) : null;

    /// <summary>Where the id and the secret lie in a token's text, without copying them; <c>false</c> when it is not one.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ReadOnlySpan<char> id, out ReadOnlySpan<char> secret)
    {
        id = secret = default;
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length > MaxLength)
        {
            return false;
        }

        ReadOnlySpan<char> rest = text[Prefix.Length..];
        int split = rest.IndexOf('_');
        if (split <= 0 || split == rest.Length - 1)
        {
            return false;
        }

        id = rest[..split];
        secret = rest[(split + 1)..];
        return true;
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Whether the secret's SHA-256 is the stored hash, compared in fixed time; hashed on the stack.</summary>
    public static bool Matches(ReadOnlySpan<char> secret, byte[] storedHash)
    {
        // A parsed secret is at most MaxLength characters, at most three UTF-8 bytes each.
        if (secret.Length > MaxLength)
        {
            return false;
        }

        Span<byte> utf8 = stackalloc byte[MaxLength * 3];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(secret, utf8)], hash);
        return CryptographicOperations.FixedTimeEquals(hash, storedHash);
    }

    /// <summary>Whether two secrets are the same text, compared in fixed time (their length is no secret: every secret has 43 characters).</summary>
    public static bool Same(ReadOnlySpan<char> secret, string known) =>
        CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(secret), MemoryMarshal.AsBytes(known.AsSpan()));
}
