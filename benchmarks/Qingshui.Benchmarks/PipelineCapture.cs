using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Qingshui.Benchmarks;

/// <summary>
/// Keeps the host's request pipeline (the <see cref="IHttpApplication{TContext}"/> Kestrel is started with) so a
/// benchmark can run requests through it in process, as Kestrel would after parsing them: no socket, no client.
/// </summary>
internal sealed class PipelineCapture
{
    private Func<IFeatureCollection, Task>? _process;

    /// <summary>Wraps the host's server (Kestrel, which still listens) so that the application it starts is kept.</summary>
    public void Install(IServiceCollection services)
    {
        ServiceDescriptor kestrel = services.Last(d => d.ServiceType == typeof(IServer));
        services.Remove(kestrel);
        services.AddSingleton<IServer>(sp => new Keeping((IServer)ActivatorUtilities.CreateInstance(sp, kestrel.ImplementationType!), this));
    }

    /// <summary>Runs a GET through the pipeline and answers its status (the body goes nowhere).</summary>
    public async Task<int> GetAsync(string path, string query, string? cookie, string? authorization, bool gzip = true)
    {
        var request = new HttpRequestFeature { Method = "GET", Scheme = "http", Protocol = "HTTP/1.1", Path = path, QueryString = query, PathBase = "" };
        request.Headers.Host = "127.0.0.1";
        if (gzip)
        {
            request.Headers.AcceptEncoding = "gzip";
        }
        if (cookie is not null)
        {
            request.Headers.Cookie = cookie;
        }

        if (authorization is not null)
        {
            request.Headers.Authorization = authorization;
        }

        var response = new Response();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(response);
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            RemoteIpAddress = IPAddress.Loopback, LocalIpAddress = IPAddress.Loopback, RemotePort = 50000, LocalPort = 8080, ConnectionId = "bench",
        });
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature());
        await (_process ?? throw new InvalidOperationException("the host has not started"))(features);
        await response.CompleteAsync();
        return response.StatusCode;
    }

    private sealed class Keeping(IServer inner, PipelineCapture capture) : IServer
    {
        public IFeatureCollection Features => inner.Features;

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull
        {
            capture._process = async features =>
            {
                TContext context = application.CreateContext(features);
                try
                {
                    await application.ProcessRequestAsync(context);
                    application.DisposeContext(context, null);
                }
                catch (Exception e)
                {
                    application.DisposeContext(context, e);
                    throw;
                }
            };
            return inner.StartAsync(application, cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

        public void Dispose() => inner.Dispose();
    }

    // A response that runs its OnStarting callbacks before the first byte (as Kestrel does: the session cookie's
    // handler renews cookies there) and throws the body away.
    private sealed class Response : IHttpResponseFeature, IHttpResponseBodyFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _starting = [];
        private readonly List<(Func<object, Task> Callback, object State)> _completed = [];

        public int StatusCode { get; set; } = 200;

        public string? ReasonPhrase { get; set; }

        public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

        public Stream Body { get; set; } = Stream.Null;

        public bool HasStarted { get; private set; }

        public Stream Stream => field ??= new StartingStream(this);

        public PipeWriter Writer => field ??= PipeWriter.Create(Stream);

        public void OnStarting(Func<object, Task> callback, object state) => _starting.Insert(0, (callback, state));

        public void OnCompleted(Func<object, Task> callback, object state) => _completed.Insert(0, (callback, state));

        public void DisableBuffering()
        {
        }

        public async Task StartAsync(CancellationToken cancellationToken = default)
        {
            if (!HasStarted)
            {
                HasStarted = true;
                foreach ((Func<object, Task> callback, object state) in _starting)
                {
                    await callback(state);
                }
            }
        }

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => StartAsync(cancellationToken);

        public async Task CompleteAsync()
        {
            await StartAsync();
            foreach ((Func<object, Task> callback, object state) in _completed)
            {
                await callback(state);
            }

            _completed.Clear();
        }

        private sealed class StartingStream(Response response) : Stream
        {
            public override bool CanRead => false;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override void Flush()
            {
            }

            public override Task FlushAsync(CancellationToken cancellationToken) => response.StartAsync(cancellationToken);

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => response.StartAsync().GetAwaiter().GetResult();

            public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
                await response.StartAsync(cancellationToken);

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => response.StartAsync(cancellationToken);
        }
    }
}
