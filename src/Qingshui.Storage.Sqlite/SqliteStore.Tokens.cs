using Microsoft.Data.Sqlite;
using Qingshui.Domain.Access;

namespace Qingshui.Storage.Sqlite;

/// <summary>Bearer API tokens: their standing and the hash of their secret, next to the accounts.</summary>
public sealed partial class SqliteStore : ITokenStore
{
    private const string TokenColumns = "id, organisation, roles, name, created, expires, revoked, secret_hash";

    /// <inheritdoc />
    public Task<AccountWrite> AddTokenAsync(ApiToken token, byte[] secretHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(secretHash);
        return InAccountTransactionAsync("adding an API token", (connection, transaction) =>
        {
            if (RefuseNew(connection, transaction, token.Organisation, "SELECT count(*) FROM api_tokens WHERE id = $key", token.Id) is AccountWrite refused)
            {
                return refused;
            }

            using SqliteCommand insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO api_tokens ({TokenColumns}) VALUES ($id, $organisation, $roles, $name, $created, $expires, $revoked, $hash)";
            insert.Parameters.AddWithValue("$id", token.Id);
            insert.Parameters.AddWithValue("$organisation", token.Organisation);
            insert.Parameters.AddWithValue("$roles", string.Join(',', token.Roles.Order().Select(RoleNames.Text)));
            insert.Parameters.AddWithValue("$name", token.Name);
            insert.Parameters.AddWithValue("$created", token.Created.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$expires", token.Expires.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$revoked", token.Revoked is DateTimeOffset revoked ? revoked.ToUnixTimeMilliseconds() : DBNull.Value);
            insert.Parameters.AddWithValue("$hash", secretHash);
            insert.ExecuteNonQuery();
            return AccountWrite.Added;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiToken>> TokensAsync(CancellationToken cancellationToken) =>
        [.. (await QueryAsync($"SELECT {TokenColumns} FROM api_tokens ORDER BY created, id", _ => { }, ReadToken, cancellationToken)).Select(t => t.Token)];

    /// <inheritdoc />
    public async Task<StoredToken?> FindTokenAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        IReadOnlyList<StoredToken> found = await QueryAsync($"SELECT {TokenColumns} FROM api_tokens WHERE id = $id",
            command => command.Parameters.AddWithValue("$id", id), ReadToken, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public Task<ApiToken?> RevokeTokenAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return InAccountTransactionAsync("revoking an API token", (connection, transaction) =>
        {
            using SqliteCommand update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = $"UPDATE api_tokens SET revoked = coalesce(revoked, $at) WHERE id = $id RETURNING {TokenColumns}";
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            using SqliteDataReader reader = update.ExecuteReader();
            return reader.Read() ? ReadToken(reader).Token : null;
        }, cancellationToken);
    }

    private static StoredToken ReadToken(SqliteDataReader r)
    {
        var roles = new HashSet<Role>();
        foreach (string word in r.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (RoleNames.TryParse(word, out Role role))
            {
                roles.Add(role);
            }
        }

        DateTimeOffset? revoked = r.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6));
        return new StoredToken(
            new ApiToken(r.GetString(0), r.GetString(1), roles, r.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)), revoked),
            (byte[])r.GetValue(7));
    }
}
