namespace Qingshui.Server.Accounts;

/// <summary>
/// Tells the server's authentication that a user or token changed, so that the next request re-reads it from the store
/// instead of using what <see cref="AccountCache"/> kept. Whatever changes a user (disable, roles, organisation,
/// password) or a token (revoke) in this process calls it after the change is stored; a change it is not told of (one
/// made by another process on the same store) applies within <see cref="ServerOptions.AccountRecheck"/>. Other nodes
/// sharing the store are told through <see cref="Cluster.ClusterNotes"/> and drop their entry as soon as they hear.
/// </summary>
internal sealed class AccountChanges(AccountCache cache, Cluster.ClusterNotes? cluster = null)
{
    private const string TokenPrefix = "token:";

    /// <summary>The user with this name changed. A token's principal name (<c>token:&lt;id&gt;</c>) or a bare token id work too.</summary>
    public void Changed(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        cache.Forget(name);
        cluster?.Announce(Cluster.ClusterNotes.Account, name);
        if (name.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            cache.Forget(name[TokenPrefix.Length..]);
        }
    }

    /// <summary>The token with this id changed (revoked).</summary>
    public void TokenChanged(string id) => Changed(id);

    /// <summary>Many users or tokens changed at once (an organisation, a restore of the store).</summary>
    public void AllChanged()
    {
        cache.ForgetAll();
        cluster?.Announce(Cluster.ClusterNotes.AllAccounts, "");
    }
}
