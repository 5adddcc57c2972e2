using Microsoft.AspNetCore.Http;
using Qingshui.Domain.Access;
using Qingshui.Server.Accounts;
using Qingshui.Storage;

namespace Qingshui.Server.Joint;

/// <summary>Which side a signed-in user stands for: the jurisdiction of their organisation, or none (joint office, observers).</summary>
internal static class JointAccess
{
    public static async Task<string?> JurisdictionOfAsync(HttpContext context, IAccountStore accounts, CancellationToken cancellationToken)
    {
        string organisation = SessionClaims.OrganisationOf(context.User);
        Organisation? own = (await accounts.OrganisationsAsync(cancellationToken)).FirstOrDefault(o => o.Id == organisation);
        return own is { Kind: OrganisationKind.Jurisdiction, JurisdictionId: string jurisdiction } ? jurisdiction : null;
    }

    public static Role[] RolesOf(HttpContext context) => [.. Enum.GetValues<Role>().Where(r => context.User.IsInRole(Policies.Of(r)))];
}
