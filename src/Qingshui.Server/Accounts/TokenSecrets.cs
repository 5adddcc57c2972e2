using System.Security.Cryptography;
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

    /// <summary>A fresh id (<c>t</c> and 12 hex digits) and secret (43 base64url characters), and the token's full text.</summary>
    public static (string Id, string Secret, string Text) Issue()
    {
        string id = "t" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        string secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, secret, $"{Prefix}{id}_{secret}");
    }

    /// <summary>The id and secret in a token's text, or <c>null</c> when it is not one.</summary>
    public static (string Id, string Secret)? Parse(string text)
    {
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length > 200)
        {
            return null;
        }

        int split = text.IndexOf('_', Prefix.Length);
        return split <= Prefix.Length || split == text.Length - 1 ? null : (text[Prefix.Length..split], text[(split + 1)..]);
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool Matches(string secret, byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);
}
