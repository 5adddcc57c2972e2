using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Qingshui.Server.Tests.Api;

/// <summary>Across every mapped API read: each paged list has a GET by id beside it, and each GET by id a paged list (or one of the few bounded lists answered whole).</summary>
public sealed partial class ListAndOneTests
{
    // Paged lists whose items have no id of their own, so nothing to GET one by.
    private static readonly Dictionary<string, string> ListsWithoutIds = new(StringComparer.Ordinal)
    {
        ["/api/v1/stations/{}/readings"] = "a reading is a value of a series at a time; its key is the query itself",
        ["/api/v1/review/queue"] = "an entry is a station's months awaiting review: read as /stations/{mn} and /review/months/{mn}/{month}",
    };

    // Lists answered whole, without a cursor, because they are bounded by their agreement's term.
    private static readonly Dictionary<string, string> UnpagedLists = new(StringComparer.Ordinal)
    {
        ["/api/v1/agreements/{}/statements"] = "the years of the agreement's term",
        ["/api/v1/agreements/{}/incidents"] = "the term's incident register: registered and proposed entries (two tables, so no CSV either)",
        ["/api/v1/agreements/{}/incidents/proposals"] = "the proposals are listed inside the register above",
    };

    [Fact]
    public async Task EveryPagedList_HasAGetById_AndEveryGetById_HasAPagedList()
    {
        await using TestHost host = await TestHost.StartAsync();
        RouteEndpoint[] gets = [.. host.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Any(HttpMethods.IsGet) == true
                && e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)];
        HashSet<string> all = [.. gets.Select(e => Shape(e.RoutePattern))];
        HashSet<string> paged = [.. gets.Where(e => Qingshui.Server.Api.QueryCheck.QueryNamesOf(e)?.Contains("cursor") == true).Select(e => Shape(e.RoutePattern))];

        // A GET by id: the last segment is a parameter and the one before a literal (…/stations/{mn}, …/files/{id}).
        string[] ones = [.. all.Where(p => p.EndsWith("/{}", StringComparison.Ordinal) && !p[..^3].EndsWith('}'))];
        string[] listsWithoutOne = [.. paged.Where(l => !all.Contains(l + "/{}") && !ListsWithoutIds.ContainsKey(l)).Order(StringComparer.Ordinal)];
        string[] onesWithoutList = [.. ones.Where(o => !paged.Contains(o[..^3]) && !UnpagedLists.ContainsKey(o[..^3])).Order(StringComparer.Ordinal)];

        Assert.True(paged.Count > 20, $"only {paged.Count} paged lists: {string.Join(", ", paged)}");
        Assert.True(listsWithoutOne.Length == 0, "paged lists without a GET by id: " + string.Join(", ", listsWithoutOne));
        Assert.True(onesWithoutList.Length == 0, "GETs by id without a paged list: " + string.Join(", ", onesWithoutList));
        Assert.All(ListsWithoutIds.Keys.Concat(UnpagedLists.Keys.Where(l => !l.EndsWith("/proposals", StringComparison.Ordinal))), known => Assert.Contains(known, all));
    }

    // The route with every parameter written {} (constraints and names dropped), without a trailing slash.
    private static string Shape(RoutePattern pattern) => "/" + string.Join("/", pattern.PathSegments.Select(segment =>
        segment.IsSimple && segment.Parts[0] is RoutePatternParameterPart ? "{}" : string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart => "{}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));
}
