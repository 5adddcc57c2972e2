using System.Diagnostics;

namespace Qingshui.Simulation;

/// <summary>Runs every simulated station at once against a server and reports what was acknowledged.</summary>
public static class Simulator
{
    /// <summary>Runs until every station has sent its packets, or until cancelled.</summary>
    /// <param name="options">What to simulate.</param>
    /// <param name="onAcknowledged">Called for every packet the server acknowledged (from many threads at once).</param>
    /// <param name="cancellationToken">Stops the run; packets in flight still finish.</param>
    public static async Task<SimulationReport> RunAsync(SimulationOptions options, Action<AcknowledgedPacket>? onAcknowledged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var model = new SurfaceWaterModel(options.Seed);
        var counters = new RunCounters();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(options.Stations.Select(station => Task.Run(async () =>
        {
            using var run = new StationRun(station, options, model, counters, onAcknowledged);
            await run.RunAsync(cancellationToken);
        }, CancellationToken.None)));
        return counters.Report(options.Stations.Count, clock.Elapsed);
    }
}
