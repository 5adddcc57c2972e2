using Microsoft.AspNetCore.Authorization;
using Qingshui.Domain.Compensation;

namespace Qingshui.Server.Accounts;

/// <summary>A side of an agreement a request acts for: the party, or <c>null</c> for "any party of the agreement".</summary>
internal sealed record PartySide(Agreement Agreement, string? Party);

/// <summary>
/// The signed-in user's organisation must be the party a request acts for (<see cref="PartySide"/>); see
/// <see cref="Parties"/> for how an organisation maps to a party.
/// </summary>
internal sealed class PartyRequirement : IAuthorizationRequirement
{
    public static PartyRequirement Instance { get; } = new();
}

/// <summary>Checks <see cref="PartyRequirement"/>; a failure carries a reason that names both organisations' sides.</summary>
internal sealed class PartyHandler(Parties parties) : AuthorizationHandler<PartyRequirement, PartySide>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PartyRequirement requirement, PartySide resource)
    {
        string organisation = SessionClaims.OrganisationOf(context.User);
        string? own = await parties.PartyOfAsync(context.User, resource.Agreement, CancellationToken.None);
        if (own is not null && (resource.Party is null || resource.Party == own))
        {
            context.Succeed(requirement);
            return;
        }

        string acting = own is null ? $"organisation '{organisation}' is not a party to {resource.Agreement.Id}" : $"organisation '{organisation}' acts for party '{own}'";
        string wanted = resource.Party is null ? $"only a party's organisation ({string.Join(", ", resource.Agreement.Parties.Select(p => p.Id))}) may do this"
            : $"this acts for party '{resource.Party}'";
        context.Fail(new AuthorizationFailureReason(this, $"{char.ToUpperInvariant(acting[0])}{acting[1..]}; {wanted}."));
    }
}
