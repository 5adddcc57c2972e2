using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Qingshui.Server.Live;

namespace Qingshui.Server.Api;

/// <summary><c>/api/v1/events</c>: server-sent events as data arrive (new readings, a section's class changing, alerts).</summary>
internal static class EventsApi
{
    public static RouteHandlerBuilder MapEventsApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/events", Stream).WithTags("Live").WithName("Events")
            .WithSummary("Server-sent events: 'readings' when data are committed, 'class' when a section's current class changes, 'alert' when an alert is raised or cleared; "
                + "for members also 'incident' when an incident changes and 'notice' / 'notice-delivery' for notices.");

    // What only members read over the API (incidents, notices) never goes to a stream opened without sign-in, whatever
    // the public reads: the stream would otherwise tell a stranger what the API refuses them.
    private static readonly HashSet<string> MembersOnly = new(StringComparer.Ordinal) { "incident", "notice", "notice-delivery" };

    private static async Task Stream(HttpContext context, LiveFeed feed, IHostApplicationLifetime lifetime)
    {
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        using LiveFeed.Subscription subscription = feed.Subscribe();
        bool member = context.User.Identity?.IsAuthenticated == true;

        // The stream never ends by itself: end it when the server stops, or shutting down would wait for every dashboard.
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        CancellationToken aborted = ended.Token;
        await context.Response.WriteAsync(": connected\n\n", aborted);
        await context.Response.Body.FlushAsync(aborted);
        try
        {
            using var keepAlive = new PeriodicTimer(TimeSpan.FromSeconds(15));
            Task<bool> tick = keepAlive.WaitForNextTickAsync(aborted).AsTask();
            Task<bool> next = subscription.Events.WaitToReadAsync(aborted).AsTask();
            while (true)
            {
                if (await Task.WhenAny(next, tick) == tick)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", aborted);
                    await context.Response.Body.FlushAsync(aborted);
                    tick = keepAlive.WaitForNextTickAsync(aborted).AsTask();
                    continue;
                }

                if (!await next)
                {
                    return;
                }

                while (subscription.Events.TryRead(out LiveEvent? e))
                {
                    if (!member && MembersOnly.Contains(e.Type))
                    {
                        continue;
                    }

                    await context.Response.WriteAsync($"event: {e.Type}\ndata: {JsonSerializer.Serialize(e.Data, JsonAnswer.Options)}\n\n", aborted);
                }

                await context.Response.Body.FlushAsync(aborted);
                next = subscription.Events.WaitToReadAsync(aborted).AsTask();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
