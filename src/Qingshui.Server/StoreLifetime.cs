using Microsoft.Extensions.Hosting;
using Qingshui.Storage;

namespace Qingshui.Server;

/// <summary>Closes the store when the host stops. Registered first, so it stops last, after the ingest queue has drained.</summary>
internal sealed class StoreLifetime(IReadingStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken) => await store.DisposeAsync();
}
