using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Qingshui.Server.Joint;

/// <summary>
/// Scans the previous and the current month for discrepancies at start and then every <see cref="ServerOptions.DiscrepancyScanInterval"/>:
/// the catch-up behind <see cref="DiscrepancyWatch"/>, which opens them as readings commit (what committed while the server was down,
/// or was dropped from a full queue, is found here).
/// </summary>
internal sealed class DiscrepancyJob(ServerOptions options, DiscrepancyScan scan, TimeProvider clock, ILogger<DiscrepancyJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.DiscrepancyScanInterval is not TimeSpan interval)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            DateTimeOffset now = clock.GetUtcNow();
            try
            {
                await scan.ScanAsync(now.ToOffset(TimeSpan.FromHours(8)).AddMonths(-1), now, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.DiscrepancyScanFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default));
    }
}
