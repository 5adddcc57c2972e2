using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Qingshui.Server.Accounts;

/// <summary>What a server answers without sign-in (<see cref="ServerOptions.PublicRead"/>); writes always need a member.</summary>
public enum PublicReads
{
    /// <summary>Nothing but the health check, the session endpoints and the dashboard's files.</summary>
    None,

    /// <summary>
    /// Also basins and sections: the network, each section's classes, monthly classes and series, as the national public
    /// release shows them. Stations, raw packets, accounts and their drafts, alerts and the live stream need a member.
    /// </summary>
    Basin,

    /// <summary>Every read that names no role: also stations, packet logs (passwords masked), agreements and statements, alerts, the live stream.</summary>
    All,
}

/// <summary>Marks the reads the <see cref="PublicReads.Basin"/> level opens.</summary>
internal static class PublicReadEndpoints
{
    /// <summary>The texts <c>--public-read</c> takes, by level.</summary>
    public static readonly IReadOnlyDictionary<string, PublicReads> ByText = new Dictionary<string, PublicReads>(StringComparer.Ordinal)
    {
        ["none"] = PublicReads.None, ["basin"] = PublicReads.Basin, ["all"] = PublicReads.All,
    };

    /// <summary>Opens the group's reads to anonymous callers unless public reads are off; under <see cref="PublicReads.All"/> they are open anyway.</summary>
    public static RouteGroupBuilder PublicUnlessReadsAreClosed(this RouteGroupBuilder group, IEndpointRouteBuilder routes)
    {
        if (routes.ServiceProvider.GetRequiredService<ServerOptions>().PublicRead != PublicReads.None)
        {
            group.AllowAnonymous();
        }

        return group;
    }
}
