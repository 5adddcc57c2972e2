using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Qingshui.Server.Tests.Notices;

/// <summary>
/// A real webhook receiver: its own Kestrel on a loopback port, recording every request (signature, notice header, body)
/// and answering the status <see cref="StartAsync"/> was given for each request's number; it can hold every answer until released.
/// </summary>
internal sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebhookSink(WebApplication app, int port)
    {
        _app = app;
        Url = new Uri($"http://127.0.0.1:{port}/hooks/qingshui?access_token=robot-token-not-to-be-shown");
    }

    public Uri Url { get; }

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>A port nothing listens on (until a sink is started on it): connections to it are refused.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <param name="port">The port (0: any free one).</param>
    /// <param name="status">The status to answer the n-th request with (1-based); 200 for all when absent.</param>
    /// <param name="hold">Hold every answer until <see cref="Release"/>.</param>
    public static async Task<WebhookSink> StartAsync(int port = 0, Func<int, int>? status = null, bool hold = false)
    {
        port = port == 0 ? FreePort() : port;
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        WebApplication app = builder.Build();
        var sink = new WebhookSink(app, port);
        int count = 0;
        app.MapPost("/hooks/qingshui", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            int answer = status?.Invoke(Interlocked.Increment(ref count)) ?? 200;
            sink.Requests.Enqueue(new Received(context.Request.Headers["X-Qingshui-Signature"].ToString(),
                context.Request.Headers["X-Qingshui-Notice"].ToString(), context.Request.ContentType, body.ToArray(), answer));
            if (hold)
            {
                await sink._release.Task.WaitAsync(context.RequestAborted);
            }

            return Results.StatusCode(answer);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return sink;
    }

    public void Release() => _release.TrySetResult();

    /// <summary>Waits (polling, with a deadline) until the requests satisfy <paramref name="done"/>; returns them either way.</summary>
    public async Task<Received[]> WaitForAsync(Func<Received[], bool> done, TimeSpan within)
    {
        DateTimeOffset deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            Received[] requests = [.. Requests];
            if (done(requests) || DateTimeOffset.UtcNow > deadline)
            {
                return requests;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed record Received(string Signature, string NoticeId, string? ContentType, byte[] Body, int Status);
}
