using Microsoft.Extensions.Hosting;
using Qingshui.Server.Ingest;

namespace Qingshui.Server.StationFiles;

/// <summary>
/// Once a second, drops file transfers that did not complete in time and records each in its station's raw log, so their
/// parts do not stay in memory (up to the transfers' bounds) until some station sends another file packet. Every node
/// runs it: transfers are held only on the node the station is connected to.
/// </summary>
internal sealed class StationFileExpiry(StationFileReceiver files, IngestQueue queue, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (Storage.IngestRecord record in files.Expire(clock.GetUtcNow()))
                {
                    _ = await queue.EnqueueAsync(record, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
