using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Qingshui.Server.Metrics;

/// <summary>
/// Who may read <c>/metrics</c>: by network address, not by account (Prometheus scrapes without signing in). The default
/// is this machine only; operators open it to their monitoring network with <c>--metrics-from</c>. Others get 403.
/// </summary>
internal sealed record MetricsReaders(IReadOnlyList<IPNetwork> Networks)
{
    public static MetricsReaders LoopbackOnly { get; } = new([IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")]);

    public bool Allows(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        IPAddress plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return Networks.Any(n => n.Contains(plain));
    }
}

/// <summary>Maps <c>GET /metrics</c> (prometheus-net's exporter) behind the address check.</summary>
internal static class MetricsEndpoint
{
    public static IEndpointRouteBuilder MapNodeMetrics(this WebApplication app)
    {
        NodeMetrics metrics = app.Services.GetRequiredService<NodeMetrics>();
        MetricsReaders readers = app.Services.GetRequiredService<ServerOptions>().MetricsReaders;
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<MetricsReaders>() is not null && !readers.Allows(context.Connection.RemoteIpAddress))
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                    detail: $"/metrics is read only from {string.Join(", ", readers.Networks)}; the server's --metrics-from sets who may").ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        app.MapMetrics("/metrics", metrics.Registry)
            .WithMetadata(new HttpMethodMetadata(["GET"]), readers)
            .AllowAnonymous()
            .WithDisplayName("Metrics");
        return app;
    }
}
