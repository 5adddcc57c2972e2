using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Qingshui.Server.Incidents;

/// <summary>Checks on a timer (server clock) for incidents not acknowledged within their time limit and escalates them.</summary>
internal sealed class IncidentEscalation(
    ServerOptions options, IncidentDesk desk, Storage.Cluster.IJobLock jobs, TimeProvider clock, ILogger<IncidentEscalation> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(options.IncidentEscalationCheck, clock);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    // One node escalates: the others would send the same escalation notices again.
                    if (await jobs.TryHoldAsync(Cluster.Jobs.IncidentEscalation, stoppingToken))
                    {
                        await desk.EscalateDueAsync(stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.IncidentEscalationFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
