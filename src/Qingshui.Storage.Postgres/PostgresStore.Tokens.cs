using Npgsql;
using NpgsqlTypes;
using Qingshui.Domain.Access;
using static Qingshui.Storage.Postgres.AccountRows;

namespace Qingshui.Storage.Postgres;

/// <summary>Bearer API tokens: their standing and the hash of their secret, next to the accounts.</summary>
public sealed partial class PostgresStore : ITokenStore
{
    private const string TokenColumns = "id, organisation, roles, name, created, expires, revoked, secret_hash";

    /// <inheritdoc />
    public Task<AccountWrite> AddTokenAsync(ApiToken token, byte[] secretHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(secretHash);
        return AccountWriteAsync("adding an API token", async connection =>
        {
            int added = await ChangeOnAsync(connection, $"""
                INSERT INTO api_tokens ({TokenColumns})
                SELECT @id, @organisation, @roles, @name, @created, @expires, @revoked, @hash
                WHERE EXISTS (SELECT 1 FROM organisations WHERE id = @organisation)
                ON CONFLICT (id) DO NOTHING
                """, p =>
            {
                p.AddWithValue("id", token.Id);
                p.AddWithValue("organisation", token.Organisation);
                p.AddWithValue("roles", string.Join(',', token.Roles.Order().Select(RoleNames.Text)));
                p.AddWithValue("name", token.Name);
                p.AddWithValue("created", token.Created.ToUnixTimeMilliseconds());
                p.AddWithValue("expires", token.Expires.ToUnixTimeMilliseconds());
                p.Add(Maybe("revoked", NpgsqlDbType.Bigint, token.Revoked?.ToUnixTimeMilliseconds()));
                p.AddWithValue("hash", secretHash);
            }, cancellationToken);
            if (added == 1)
            {
                return AccountWrite.Added;
            }

            return await OrganisationExistsAsync(connection, token.Organisation, cancellationToken) ? AccountWrite.Taken : AccountWrite.UnknownOrganisation;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiToken>> TokensAsync(CancellationToken cancellationToken) =>
        [.. (await AccountRowsAsync("reading API tokens", $"SELECT {TokenColumns} FROM api_tokens ORDER BY created, id", _ => { }, ReadToken, cancellationToken))
            .Select(t => t.Token)];

    /// <inheritdoc />
    public async Task<StoredToken?> FindTokenAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        IReadOnlyList<StoredToken> found = await AccountRowsAsync("finding an API token", $"SELECT {TokenColumns} FROM api_tokens WHERE id = @id",
            p => p.AddWithValue("id", id), ReadToken, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public Task<ApiToken?> RevokeTokenAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        // One statement: the row lock makes a second revocation wait and then keep the first time.
        return AccountWriteAsync("revoking an API token", async connection =>
            FirstOrNull(await RowsOnAsync(connection, $"UPDATE api_tokens SET revoked = coalesce(revoked, @at) WHERE id = @id RETURNING {TokenColumns}", p =>
            {
                p.AddWithValue("id", id);
                p.AddWithValue("at", at.ToUnixTimeMilliseconds());
            }, ReadToken, cancellationToken))?.Token, cancellationToken);
    }

    private static StoredToken ReadToken(NpgsqlDataReader r)
    {
        var roles = new HashSet<Role>();
        foreach (string word in r.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (RoleNames.TryParse(word, out Role role))
            {
                roles.Add(role);
            }
        }

        return new StoredToken(
            new ApiToken(r.GetString(0), r.GetString(1), roles, r.GetString(3), Time(r.GetInt64(4)), Time(r.GetInt64(5)), Time(r, 6)),
            r.GetFieldValue<byte[]>(7));
    }
}
