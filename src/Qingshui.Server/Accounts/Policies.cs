using Microsoft.AspNetCore.Authorization;
using Qingshui.Domain.Access;

namespace Qingshui.Server.Accounts;

/// <summary>
/// The named authorization policies: one per role, each also requiring a signed-in user. Which party a user may act
/// for is checked per request against the resource (<see cref="PartyRequirement"/>), since the party is in the route or body.
/// </summary>
internal static class Policies
{
    /// <summary>Any signed-in member.</summary>
    public const string Member = "member";

    /// <summary>The policy of a role: its lower-case word (<c>finance</c>, <c>coordinator</c>, …).</summary>
    public static string Of(Role role) => RoleNames.Text(role);

    public static AuthorizationBuilder AddRolePolicies(this AuthorizationBuilder builder)
    {
        builder.AddPolicy(Member, policy => policy.RequireAuthenticatedUser());
        foreach (Role role in Enum.GetValues<Role>())
        {
            builder.AddPolicy(Of(role), policy => policy.RequireAuthenticatedUser().RequireRole(RoleNames.Text(role)));
        }

        return builder;
    }
}
