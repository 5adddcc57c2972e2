using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Server.Accounts;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>
/// Receipts of shared records, for any kind of joint record or export: <see cref="RecordsReceipt"/> on a GET-by-id endpoint
/// notes the reader's organisation's first opening once the record was served; <see cref="DeliverAsync"/> notes to whom a
/// record was delivered when it was shared.
/// </summary>
internal static class Receipts
{
    /// <summary>The longest kind or id a receipt names.</summary>
    public const int MaxKeyLength = 100;

    /// <summary>
    /// After the endpoint served its record (a 2xx), notes that the signed-in reader's organisation opened <paramref name="kind"/>
    /// with the route's <c>{id}</c> (only the first opening per organisation is kept).
    /// </summary>
    public static RouteHandlerBuilder RecordsReceipt(this RouteHandlerBuilder builder, string kind, string routeValue = "id") =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            object? result = await next(context);
            HttpContext http = context.HttpContext;
            if (Served(result) && http.Request.RouteValues[routeValue] is string id)
            {
                await ReceivedAsync(http, kind, id);
            }

            return result;
        });

    /// <summary>
    /// Notes that the signed-in reader's organisation received <paramref name="kind"/>/<paramref name="id"/> now (an export
    /// written out, a report downloaded); only its first time is kept. Nothing for an anonymous reader or an over-long id.
    /// </summary>
    public static async Task ReceivedAsync(HttpContext http, string kind, string id)
    {
        if (http.User.Identity?.IsAuthenticated == true && id.Length <= MaxKeyLength && SessionClaims.OrganisationOf(http.User) is { Length: > 0 } organisation)
        {
            IReceiptStore store = http.RequestServices.GetRequiredService<IReceiptStore>();
            TimeProvider clock = http.RequestServices.GetRequiredService<TimeProvider>();
            await store.OpenedAsync(kind, id, organisation, SessionClaims.Name(http.User), clock.GetUtcNow(), http.RequestAborted);
        }
    }

    /// <summary>Notes that <paramref name="kind"/>/<paramref name="id"/> was delivered to <paramref name="organisations"/> now.</summary>
    public static Task DeliverAsync(this IReceiptStore store, TimeProvider clock, string kind, string id, IEnumerable<string> organisations, CancellationToken cancellationToken) =>
        store.DeliverAsync(kind, id, [.. organisations], clock.GetUtcNow(), cancellationToken);

    private static bool Served(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        return result is not IStatusCodeHttpResult { StatusCode: int status } || status is >= 200 and < 300;
    }
}
