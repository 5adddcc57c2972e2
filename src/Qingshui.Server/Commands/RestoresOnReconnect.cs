using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qingshui.Storage.Commands;

namespace Qingshui.Server.Commands;

/// <summary>
/// A station that was away (or silent) when its interval was to be restored gets the restore when it connects again:
/// owed restores are read from the store at start, and each new route of an owing station asks them again on its own task.
/// </summary>
internal sealed class RestoresOnReconnect(
    StationConnections connections, RealtimeIntervalControl control, IStationCommandStore store, ILogger<RestoresOnReconnect> logger) : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _stopping = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (IntervalHold hold in await store.RestoresOwedAsync(cancellationToken))
        {
            control.Owe(hold.Station);
        }

        connections.Connected += OnConnected;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        connections.Connected -= OnConnected;
        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    // Called on the connection's reading path: nothing here waits.
    private void OnConnected(string deviceId)
    {
        if (!control.TakeOwed(deviceId))
        {
            return;
        }

        Task retry = Task.Run(async () =>
        {
            try
            {
                await control.RetryRestoresAsync(deviceId, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                control.Owe(deviceId);
            }
            catch (Exception e)
            {
                // The store failed: still owed, asked again on the next connection.
                Log.OwedRestoreFailed(logger, e, deviceId);
                control.Owe(deviceId);
            }
        });
        _running.TryAdd(retry, 0);
        retry.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }
}
