using Qingshui.Domain.Access;
using Qingshui.Domain.Network;
using Qingshui.Server.Accounts;
using Qingshui.Storage;

namespace Qingshui.Cli.Commands;

/// <summary>
/// The demo's organisations (the basin's jurisdictions and its joint office) and one user per role in each, named
/// <c>&lt;organisation&gt;-&lt;role&gt;</c> (e.g. <c>hunan-finance</c>). Accounts are kept between runs; their passwords are
/// not: no password is stored anywhere but as a hash, so each run gives every demo user a fresh generated password
/// and the demo console prints it (the one place that prints credentials).
/// </summary>
internal static class DemoUsers
{
    /// <summary>A demo user's name and this run's password; <paramref name="Added"/> when the account was made by this run.</summary>
    internal sealed record Credential(string Name, string Organisation, Role Role, string Password, bool Added, bool Disabled);

    public static async Task<IReadOnlyList<Credential>> EnsureAsync(Basin basin, IAccountStore store, Passwords passwords, CancellationToken cancellationToken)
    {
        var credentials = new List<Credential>();
        foreach (Organisation organisation in OrgsCommand.Of(basin))
        {
            // Taken is fine: an earlier run (or 'qingshui orgs seed') made it.
            await store.AddOrganisationAsync(organisation, cancellationToken);
            foreach (Role role in Enum.GetValues<Role>())
            {
                string name = $"{organisation.Id}-{RoleNames.Text(role)}";
                string password = Passwords.Generate();
                UserAccount account = UserAccount.Create(name, $"{organisation.Name.English} {RoleNames.Text(role)}", organisation.Id, [role]).Account
                    ?? throw new InvalidOperationException($"demo user name '{name}' is not a valid name");
                string hash = passwords.Hash(account, password);
                bool added = await store.AddUserAsync(account, hash, cancellationToken) == AccountWrite.Added;
                bool disabled = false;
                if (!added)
                {
                    // Kept from an earlier run: same account, roles and history; a new password, lockout forgotten.
                    await store.SetPasswordHashAsync(name, hash, cancellationToken);
                    disabled = (await store.UpdateUserAsync(name, a => a.AfterSuccessfulSignIn(), cancellationToken))?.Disabled ?? false;
                }

                credentials.Add(new Credential(name, organisation.Id, role, password, added, disabled));
            }
        }

        return credentials;
    }
}
