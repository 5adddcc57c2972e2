using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Storage;

namespace Qingshui.Server.Api;

/// <summary><c>GET /api/v1/health</c>: the store answers, with its totals.</summary>
internal static class HealthApi
{
    public static RouteGroupBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/health");
        // Open even when public reads are off (ServerOptions.PublicRead): monitors and load balancers ask it unsigned.
        group.MapGet("/", GetHealth).AllowAnonymous().WithName("GetHealth").WithSummary("Store totals; 200 when the store answers.");
        return group;
    }

    private static async Task<Ok<HealthResponse>> GetHealth(IReadingStore store, CancellationToken cancellationToken)
    {
        StoreCounts counts = await store.CountAsync(cancellationToken);
        return TypedResults.Ok(new HealthResponse("ok", counts.Readings, counts.Revisions, counts.RawPackets));
    }

    internal sealed record HealthResponse(string Status, long Readings, long Revisions, long RawPackets);
}
