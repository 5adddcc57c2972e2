using Microsoft.Extensions.Hosting;

namespace Qingshui.Server.Ingest;

/// <summary>Once a second, ends split series that waited past their timeout and stores what they carried.</summary>
internal sealed class SplitExpiry(SplitAssemblies splits, IngestQueue queue, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (Storage.IngestRecord record in splits.Expire(clock.GetUtcNow()))
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
