using System.Security.Claims;
using Qingshui.Domain.Access;
using Qingshui.Domain.Compensation;
using Qingshui.Storage;

namespace Qingshui.Server.Accounts;

/// <summary>
/// Which agreement party a signed-in user acts for. Agreement parties are named by the basin's jurisdiction ids, so a
/// jurisdiction organisation acts for the party whose id is its jurisdiction id; the joint office, observers and
/// jurisdictions that are no party to the agreement (a city under a province) act for none.
/// </summary>
internal sealed class Parties(IAccountStore accounts)
{
    public async Task<string?> PartyOfAsync(ClaimsPrincipal user, Agreement agreement, CancellationToken cancellationToken)
    {
        string id = SessionClaims.OrganisationOf(user);
        if (id.Length == 0)
        {
            return null;
        }

        // Read per request: the organisation list is small, and a change to it applies at once.
        Organisation? organisation = (await accounts.OrganisationsAsync(cancellationToken)).FirstOrDefault(o => o.Id == id);
        return organisation is { Kind: OrganisationKind.Jurisdiction, JurisdictionId: string jurisdiction } && agreement.Parties.Any(p => p.Id == jurisdiction)
            ? jurisdiction : null;
    }
}
