using Npgsql;
using NpgsqlTypes;
using Qingshui.Domain.Access;
using Qingshui.Domain.Network;
using static Qingshui.Storage.Postgres.AccountRows;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// Organisations and user accounts. A read-modify-write first locks the rows it will decide on (the user, or every member
/// of the user's organisation) and then reads them afresh, so that nodes changing the same accounts at once take turns
/// as SQLite's single writer makes them: no increment of a lockout counter is lost, and two last admins cannot both
/// step down.
/// </summary>
public sealed partial class PostgresStore : IAccountStore
{
    private const string UserColumns =
        "u.name, u.display_name, u.organisation, u.disabled, u.failed_sign_ins, u.locked_until, u.password_hash, "
        + "(SELECT string_agg(r.role, ',' ORDER BY r.role) FROM user_roles r WHERE r.user_name = u.name), u.session_generation";

    /// <inheritdoc />
    public Task<AccountWrite> AddOrganisationAsync(Organisation organisation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        return AccountWriteAsync("adding an organisation", async connection =>
        {
            int added = await ChangeOnAsync(connection,
                "INSERT INTO organisations (id, name_zh, name_en, kind, jurisdiction) VALUES (@id, @zh, @en, @kind, @jurisdiction) ON CONFLICT DO NOTHING",
                p =>
                {
                    p.AddWithValue("id", organisation.Id);
                    p.AddWithValue("zh", organisation.Name.Chinese);
                    p.AddWithValue("en", organisation.Name.English);
                    p.AddWithValue("kind", OrganisationKindNames.Text(organisation.Kind));
                    p.Add(Maybe("jurisdiction", NpgsqlDbType.Text, organisation.JurisdictionId));
                }, cancellationToken);
            return added == 1 ? AccountWrite.Added : AccountWrite.Taken;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Organisation>> OrganisationsAsync(CancellationToken cancellationToken) =>
        AccountRowsAsync("reading organisations", "SELECT id, name_zh, name_en, kind, jurisdiction FROM organisations ORDER BY id", _ => { }, r =>
        {
            _ = OrganisationKindNames.TryParse(r.GetString(3), out OrganisationKind kind);
            return new Organisation(r.GetString(0), new LocalizedText(r.GetString(1), r.GetString(2)), kind, TextOrNull(r, 4));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<AccountWrite> AddUserAsync(UserAccount account, string passwordHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        return AccountWriteAsync("adding a user", async connection =>
        {
            // ON CONFLICT rather than a check first: a node adding the same name at the same moment waits for this one and
            // then finds the name taken, as it would have after it.
            int added = await ChangeOnAsync(connection, """
                INSERT INTO users (name, display_name, organisation, password_hash, disabled, failed_sign_ins, locked_until)
                SELECT @name, '', @organisation, @hash, 0, 0, NULL WHERE EXISTS (SELECT 1 FROM organisations WHERE id = @organisation)
                ON CONFLICT (name) DO NOTHING
                """, p =>
            {
                p.AddWithValue("name", account.Name);
                p.AddWithValue("organisation", account.Organisation);
                p.AddWithValue("hash", passwordHash);
            }, cancellationToken);
            if (added == 0)
            {
                return await OrganisationExistsAsync(connection, account.Organisation, cancellationToken) ? AccountWrite.Taken : AccountWrite.UnknownOrganisation;
            }

            await WriteUserAsync(connection, account, cancellationToken);
            return AccountWrite.Added;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UserAccount>> UsersAsync(CancellationToken cancellationToken) =>
        [.. (await AccountRowsAsync("reading users", $"SELECT {UserColumns} FROM users u ORDER BY u.name", _ => { }, ReadUser, cancellationToken))
            .Select(u => u.Account)];

    /// <inheritdoc />
    public async Task<StoredUser?> FindUserAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        IReadOnlyList<StoredUser> found = await AccountRowsAsync("finding a user", $"SELECT {UserColumns} FROM users u WHERE u.name = @name",
            p => p.AddWithValue("name", name), ReadUser, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public Task<UserAccount?> UpdateUserAsync(string name, Func<UserAccount, UserAccount> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(change);
        return AccountWriteAsync("updating a user", async connection =>
        {
            if (await LockedUsersAsync(connection, "SELECT name FROM users WHERE name = @name FOR NO KEY UPDATE", name, cancellationToken) is not [UserAccount current])
            {
                return null;
            }

            UserAccount changed = SameIdentity(current, change(current));
            await WriteUserAsync(connection, changed, cancellationToken);
            return changed;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserChange?> ChangeUserAsync(
        string name, Func<UserAccount, IReadOnlyList<UserAccount>, (UserAccount? After, string? Refusal)> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(decide);
        return AccountWriteAsync<UserChange?>("changing a user", async connection =>
        {
            // Every member is locked (in name order, so two changes in one organisation cannot deadlock): the decision
            // sees its colleagues as they are, and no other change to any of them lands until this one commits.
            IReadOnlyList<UserAccount> members = await LockedUsersAsync(connection,
                "SELECT name FROM users WHERE organisation = (SELECT organisation FROM users WHERE name = @name) ORDER BY name FOR NO KEY UPDATE",
                name, cancellationToken);
            if (members.FirstOrDefault(m => m.Name == name) is not UserAccount current)
            {
                return null;
            }

            (UserAccount? after, string? refusal) = decide(current, members.Where(m => m.Name != name).ToList());
            if (after is null)
            {
                return new UserChange(current, null, refusal ?? "refused");
            }

            UserAccount changed = SameIdentity(current, after);
            await WriteUserAsync(connection, changed, cancellationToken);
            return new UserChange(current, changed, null);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> SetPasswordHashAsync(string name, string passwordHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        return AccountWriteAsync("setting a password hash", async connection =>
            await ChangeOnAsync(connection, "UPDATE users SET password_hash = @hash WHERE name = @name", p =>
            {
                p.AddWithValue("name", name);
                p.AddWithValue("hash", passwordHash);
            }, cancellationToken) == 1, cancellationToken);
    }

    // Locks the users a statement names (taking @name), then reads them in a statement of its own: in READ COMMITTED a
    // new statement sees everything committed before it, including roles another node wrote while this one waited.
    private static async Task<IReadOnlyList<UserAccount>> LockedUsersAsync(NpgsqlConnection connection, string lockSql, string name, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> locked = await RowsOnAsync(connection, lockSql, p => p.AddWithValue("name", name), r => r.GetString(0), cancellationToken);
        if (locked.Count == 0)
        {
            return [];
        }

        return [.. (await RowsOnAsync(connection, $"SELECT {UserColumns} FROM users u WHERE u.name = ANY(@names) ORDER BY u.name",
            p => p.AddWithValue("names", locked.ToArray()), ReadUser, cancellationToken)).Select(u => u.Account)];
    }

    private static async Task<bool> OrganisationExistsAsync(NpgsqlConnection connection, string organisation, CancellationToken cancellationToken) =>
        (await RowsOnAsync(connection, "SELECT 1 FROM organisations WHERE id = @organisation",
            p => p.AddWithValue("organisation", organisation), _ => true, cancellationToken)).Count > 0;

    // Name and organisation are the account's identity: a change may not move it.
    private static UserAccount SameIdentity(UserAccount current, UserAccount changed) =>
        changed with { Name = current.Name, Organisation = current.Organisation };

    private static async Task WriteUserAsync(NpgsqlConnection connection, UserAccount account, CancellationToken cancellationToken)
    {
        // Disabling moves the session generation on, so the account's sessions stay ended when it is enabled again.
        await ChangeOnAsync(connection, """
            UPDATE users SET display_name = @display, failed_sign_ins = @failed, locked_until = @locked,
                session_generation = session_generation + CASE WHEN @disabled = 1 AND disabled = 0 THEN 1 ELSE 0 END, disabled = @disabled
            WHERE name = @name
            """, p =>
        {
            p.AddWithValue("name", account.Name);
            p.AddWithValue("display", account.DisplayName);
            p.AddWithValue("disabled", account.Disabled ? 1 : 0);
            p.AddWithValue("failed", account.FailedSignIns);
            p.Add(Maybe("locked", NpgsqlDbType.Bigint, account.LockedUntil?.ToUnixTimeMilliseconds()));
        }, cancellationToken);
        await ChangeOnAsync(connection, "DELETE FROM user_roles WHERE user_name = @name", p => p.AddWithValue("name", account.Name), cancellationToken);
        await ChangeOnAsync(connection, "INSERT INTO user_roles (user_name, role) SELECT @name, unnest(@roles)", p =>
        {
            p.AddWithValue("name", account.Name);
            p.AddWithValue("roles", account.Roles.Order().Select(RoleNames.Text).ToArray());
        }, cancellationToken);
    }

    private static StoredUser ReadUser(NpgsqlDataReader r)
    {
        var roles = new HashSet<Role>();
        foreach (string word in (TextOrNull(r, 7) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (RoleNames.TryParse(word, out Role role))
            {
                roles.Add(role);
            }
        }

        return new StoredUser(
            new UserAccount(r.GetString(0), r.GetString(1), r.GetString(2), roles, r.GetInt32(3) != 0, r.GetInt32(4), Time(r, 5)),
            r.GetString(6), r.GetInt64(8));
    }
}
