using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qingshui.Domain.Compensation;
using Qingshui.Server.Cluster;
using Qingshui.Storage.Cluster;
using Qingshui.Storage.Compensation;

namespace Qingshui.Server.Compensation;

/// <summary>Recomputes every served agreement's accounts for the current and previous year at start and then periodically.</summary>
internal sealed class LedgerJob(
    ServerOptions options, SettlementService settlements, IJobLock jobs, TimeProvider clock, ILogger<LedgerJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.LedgerInterval is not TimeSpan interval || options.Agreements.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            // Nodes sharing a database recompute once between them: the node holding the job does it.
            if (!await jobs.TryHoldAsync(Jobs.Ledger, stoppingToken))
            {
                continue;
            }

            int year = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year;
            foreach (Agreement agreement in options.Agreements)
            {
                foreach (int y in new[] { year - 1, year }.Where(y => agreement.PeriodsOf(y).Count > 0))
                {
                    try
                    {
                        await settlements.RecomputeAsync(agreement, y, stoppingToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        Log.LedgerRecomputeFailed(logger, e, agreement.Id, y);
                    }
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default));
    }
}
