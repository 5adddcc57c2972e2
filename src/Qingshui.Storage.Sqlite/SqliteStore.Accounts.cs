using Microsoft.Data.Sqlite;
using Qingshui.Domain.Access;
using Qingshui.Domain.Network;

namespace Qingshui.Storage.Sqlite;

/// <summary>Organisations and user accounts, in the same database as the readings and ledgers.</summary>
public sealed partial class SqliteStore : IAccountStore
{
    private const string UserColumns =
        "u.name, u.display_name, u.organisation, u.disabled, u.failed_sign_ins, u.locked_until, u.password_hash, "
        + "(SELECT group_concat(r.role, ',') FROM user_roles r WHERE r.user_name = u.name), u.session_generation";

    /// <inheritdoc />
    public Task<AccountWrite> AddOrganisationAsync(Organisation organisation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        return InAccountTransactionAsync("adding an organisation", (connection, transaction) =>
        {
            using SqliteCommand insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO organisations (id, name_zh, name_en, kind, jurisdiction) VALUES ($id, $zh, $en, $kind, $jurisdiction) ON CONFLICT DO NOTHING";
            insert.Parameters.AddWithValue("$id", organisation.Id);
            insert.Parameters.AddWithValue("$zh", organisation.Name.Chinese);
            insert.Parameters.AddWithValue("$en", organisation.Name.English);
            insert.Parameters.AddWithValue("$kind", OrganisationKindNames.Text(organisation.Kind));
            insert.Parameters.AddWithValue("$jurisdiction", (object?)organisation.JurisdictionId ?? DBNull.Value);
            return insert.ExecuteNonQuery() == 1 ? AccountWrite.Added : AccountWrite.Taken;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Organisation>> OrganisationsAsync(CancellationToken cancellationToken) =>
        QueryAsync("SELECT id, name_zh, name_en, kind, jurisdiction FROM organisations ORDER BY id", _ => { }, r =>
        {
            _ = OrganisationKindNames.TryParse(r.GetString(3), out OrganisationKind kind);
            return new Organisation(r.GetString(0), new LocalizedText(r.GetString(1), r.GetString(2)), kind, NullableString(r, 4));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<AccountWrite> AddUserAsync(UserAccount account, string passwordHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        return InAccountTransactionAsync("adding a user", (connection, transaction) =>
        {
            if (RefuseNew(connection, transaction, account.Organisation, "SELECT count(*) FROM users WHERE name = $key", account.Name) is AccountWrite refused)
            {
                return refused;
            }

            using SqliteCommand insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO users (name, display_name, organisation, password_hash, disabled, failed_sign_ins, locked_until) "
                + "VALUES ($name, '', $organisation, $hash, 0, 0, NULL)";
            insert.Parameters.AddWithValue("$name", account.Name);
            insert.Parameters.AddWithValue("$organisation", account.Organisation);
            insert.Parameters.AddWithValue("$hash", passwordHash);
            insert.ExecuteNonQuery();
            WriteUser(connection, transaction, account);
            return AccountWrite.Added;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UserAccount>> UsersAsync(CancellationToken cancellationToken) =>
        [.. (await QueryAsync($"SELECT {UserColumns} FROM users u ORDER BY u.name", _ => { }, ReadUser, cancellationToken)).Select(u => u.Account)];

    /// <inheritdoc />
    public async Task<StoredUser?> FindUserAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        IReadOnlyList<StoredUser> found = await QueryAsync($"SELECT {UserColumns} FROM users u WHERE u.name = $name",
            command => command.Parameters.AddWithValue("$name", name), ReadUser, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public Task<UserAccount?> UpdateUserAsync(string name, Func<UserAccount, UserAccount> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(change);
        return InAccountTransactionAsync("updating a user", (connection, transaction) =>
        {
            if (ReadInTransaction(connection, transaction, $"SELECT {UserColumns} FROM users u WHERE u.name = $name", "$name", name,
                r => ReadUser(r).Account) is not [UserAccount current])
            {
                return null;
            }

            UserAccount changed = SameIdentity(current, change(current));
            WriteUser(connection, transaction, changed);
            return changed;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserChange?> ChangeUserAsync(
        string name, Func<UserAccount, IReadOnlyList<UserAccount>, (UserAccount? After, string? Refusal)> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(decide);
        return InAccountTransactionAsync<UserChange?>("changing a user", (connection, transaction) =>
        {
            List<UserAccount> members = ReadInTransaction(connection, transaction,
                $"SELECT {UserColumns} FROM users u WHERE u.organisation = (SELECT organisation FROM users WHERE name = $name) ORDER BY u.name",
                "$name", name, r => ReadUser(r).Account);
            if (members.Find(m => m.Name == name) is not UserAccount current)
            {
                return null;
            }

            (UserAccount? after, string? refusal) = decide(current, members.Where(m => m.Name != name).ToList());
            if (after is null)
            {
                return new UserChange(current, null, refusal ?? "refused");
            }

            UserAccount changed = SameIdentity(current, after);
            WriteUser(connection, transaction, changed);
            return new UserChange(current, changed, null);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> SetPasswordHashAsync(string name, string passwordHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        return InAccountTransactionAsync("setting a password hash", (connection, transaction) =>
        {
            using SqliteCommand update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE users SET password_hash = $hash WHERE name = $name";
            update.Parameters.AddWithValue("$name", name);
            update.Parameters.AddWithValue("$hash", passwordHash);
            return update.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    // Name and organisation are the account's identity: a change may not move it.
    private static UserAccount SameIdentity(UserAccount current, UserAccount changed) =>
        changed with { Name = current.Name, Organisation = current.Organisation };

    private static void WriteUser(SqliteConnection connection, SqliteTransaction transaction, UserAccount account)
    {
        using SqliteCommand update = connection.CreateCommand();
        update.Transaction = transaction;
        // Disabling moves the session generation on, so the account's sessions stay ended when it is enabled again.
        update.CommandText = "UPDATE users SET display_name = $display, failed_sign_ins = $failed, locked_until = $locked, "
            + "session_generation = session_generation + ($disabled AND NOT disabled), disabled = $disabled WHERE name = $name; "
            + "DELETE FROM user_roles WHERE user_name = $name;";
        update.Parameters.AddWithValue("$name", account.Name);
        update.Parameters.AddWithValue("$display", account.DisplayName);
        update.Parameters.AddWithValue("$disabled", account.Disabled ? 1 : 0);
        update.Parameters.AddWithValue("$failed", account.FailedSignIns);
        update.Parameters.AddWithValue("$locked", account.LockedUntil is DateTimeOffset until ? until.ToUnixTimeMilliseconds() : DBNull.Value);
        update.ExecuteNonQuery();

        using SqliteCommand role = connection.CreateCommand();
        role.Transaction = transaction;
        role.CommandText = "INSERT INTO user_roles (user_name, role) VALUES ($name, $role)";
        role.Parameters.AddWithValue("$name", account.Name);
        SqliteParameter text = role.Parameters.Add("$role", SqliteType.Text);
        foreach (Role held in account.Roles.Order())
        {
            text.Value = RoleNames.Text(held);
            role.ExecuteNonQuery();
        }
    }

    private static StoredUser ReadUser(SqliteDataReader r)
    {
        var roles = new HashSet<Role>();
        foreach (string word in (NullableString(r, 7) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (RoleNames.TryParse(word, out Role role))
            {
                roles.Add(role);
            }
        }

        DateTimeOffset? lockedUntil = r.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5));
        return new StoredUser(new UserAccount(r.GetString(0), r.GetString(1), r.GetString(2), roles, r.GetInt64(3) != 0, r.GetInt32(4), lockedUntil), r.GetString(6),
            r.GetInt64(8));
    }

    // One write on the writer connection, in one transaction, under the write lock the ingest batches take too.
    private async Task<T> InAccountTransactionAsync<T>(string operation, Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            using SqliteTransaction transaction = _writer.BeginTransaction();
            T result = write(_writer, transaction);
            transaction.Commit();
            return result;
        }
        catch (SqliteException e)
        {
            throw Wrap(e, operation);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    // A new user or token needs its organisation to exist and its key (the SQL counting rows with $key) to be free.
    private static AccountWrite? RefuseNew(SqliteConnection connection, SqliteTransaction transaction, string organisation, string countTaken, string key)
    {
        using SqliteCommand check = connection.CreateCommand();
        check.Transaction = transaction;
        check.CommandText = $"SELECT (SELECT count(*) FROM organisations WHERE id = $organisation), ({countTaken})";
        check.Parameters.AddWithValue("$organisation", organisation);
        check.Parameters.AddWithValue("$key", key);
        using SqliteDataReader found = check.ExecuteReader();
        found.Read();
        return found.GetInt64(0) == 0 ? AccountWrite.UnknownOrganisation : found.GetInt64(1) > 0 ? AccountWrite.Taken : null;
    }
}
