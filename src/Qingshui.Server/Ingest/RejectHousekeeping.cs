using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qingshui.Storage;

namespace Qingshui.Server.Ingest;

/// <summary>
/// Every few seconds, adds the drop counts to the store; every retention interval (and once at start), deletes rejected
/// and quarantined packets older than the retention period. Accepted packets are never touched.
/// </summary>
internal sealed class RejectHousekeeping(IRejectStore store, RejectQuota quota, ServerOptions options, TimeProvider clock, ILogger<RejectHousekeeping> logger)
    : BackgroundService
{
    private const int DeletionSlice = 10_000;
    private long _lastRetention = long.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.RejectHousekeepingInterval, clock);
        try
        {
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // The counts since the last tick, before the store closes (it stops after this service).
        await FlushAsync(CancellationToken.None);
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        long now = clock.GetTimestamp();
        if (_lastRetention != long.MinValue && clock.GetElapsedTime(_lastRetention, now) < options.RejectRetentionInterval)
        {
            return;
        }

        _lastRetention = now;
        try
        {
            // In slices, so ingest batches get the writer in between.
            DateTimeOffset cutoff = clock.GetUtcNow() - options.RejectedRetention;
            long packets = 0, bytes = 0;
            RejectedDeletion deleted;
            do
            {
                deleted = await store.DeleteRejectedBeforeAsync(cutoff, DeletionSlice, cancellationToken);
                quota.Released(deleted.Bytes);
                (packets, bytes) = (packets + deleted.Packets, bytes + deleted.Bytes);
            }
            while (deleted.Packets == DeletionSlice);

            if (packets > 0)
            {
                Log.RejectedDeleted(logger, packets, bytes, cutoff);
            }
        }
        catch (StoreException e)
        {
            Log.RejectRetentionFailed(logger, e);
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<DropCount> counts = quota.TakeDropCounts();
        if (counts.Count == 0)
        {
            return;
        }

        try
        {
            await store.AddDropCountsAsync(counts, cancellationToken);
        }
        catch (Exception e) when (e is StoreException or ObjectDisposedException)
        {
            quota.Return(counts);
            Log.DropCountsFailed(logger, e);
        }
    }
}
