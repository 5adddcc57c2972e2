using Microsoft.Extensions.Hosting;
using Qingshui.Storage.Cluster;

namespace Qingshui.Server.Ingest;

/// <summary>
/// Once a second, ends split series that waited past their timeout and stores what they carried. With several nodes,
/// the one holding the job does it (every node holds every part, through the commit feed), so a partial series is stored once.
/// </summary>
internal sealed class SplitExpiry(SplitAssemblies splits, IngestQueue queue, IJobLock jobs, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!await jobs.TryHoldAsync(Cluster.Jobs.SplitExpiry, stoppingToken))
                {
                    continue;
                }

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
