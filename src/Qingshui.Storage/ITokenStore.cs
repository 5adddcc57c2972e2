using Qingshui.Domain.Access;

namespace Qingshui.Storage;

/// <summary>A token as stored: the token and the SHA-256 of its secret (never the secret).</summary>
/// <param name="Token">The token.</param>
/// <param name="SecretHash">The 32-byte hash to compare a presented secret's hash with.</param>
public sealed record StoredToken(ApiToken Token, byte[] SecretHash);

/// <summary>Where bearer API tokens live: the same store as the accounts.</summary>
public interface ITokenStore
{
    /// <summary>Adds a token with the hash of its secret; refused when the id is taken or the organisation unknown.</summary>
    Task<AccountWrite> AddTokenAsync(ApiToken token, byte[] secretHash, CancellationToken cancellationToken);

    /// <summary>Every token, by creation time (without hashes).</summary>
    Task<IReadOnlyList<ApiToken>> TokensAsync(CancellationToken cancellationToken);

    /// <summary>The token with this id and its secret's hash; <c>null</c> when there is none.</summary>
    Task<StoredToken?> FindTokenAsync(string id, CancellationToken cancellationToken);

    /// <summary>Revokes the token at <paramref name="at"/> (an earlier revocation stays); <c>null</c> when there is no such token.</summary>
    Task<ApiToken?> RevokeTokenAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);
}
