using System.Diagnostics;
using Qingshui.Domain.Network;
using Qingshui.Domain.Readings;
using Qingshui.Hj212;
using Qingshui.Simulation;
using Qingshui.Storage;

namespace Qingshui.Cli.Commands;

/// <summary>
/// The demo's simulated stations: history back-filled as hourly uploads (CN 2061) sent as fast as the server
/// acknowledges them, then each hour's upload when the hour closes, all over the server's HJ 212 port.
/// </summary>
internal sealed class DemoHistory(Basin basin, int hj212Port, ulong seed)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>Where the history starts on a fresh database: the first of the month two years ago.</summary>
    public static DateTimeOffset DefaultStart(DateTimeOffset now) => new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, Hj212Time.ChinaStandardOffset).AddYears(-2);

    /// <summary>
    /// Where each station's back-fill resumes: its first closed hour since <paramref name="start"/> without a stored
    /// hourly value. Stations are killed at different points (each has its own packets in flight), and a hole left by
    /// a packet in flight is refilled too; the hours after it are sent again and stored once.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> ResumePointsAsync(
        IReadingStore store, DateTimeOffset start, DateTimeOffset now, CancellationToken cancellationToken)
    {
        DateTimeOffset last = LastClosedHour(now);
        var points = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (Station station in basin.Stations)
        {
            IReadOnlyList<StoredReading> stored = await store.ReadingsAsync(
                new ReadingQuery(station.DeviceId, SurfaceWaterModel.Codes[6], ReadingKind.Hour, start, last + Hour), cancellationToken);
            var hours = stored.Select(r => r.Reading.PeriodStart.UtcTicks).ToHashSet();
            DateTimeOffset from = start;
            while (from <= last && hours.Contains(from.UtcTicks))
            {
                from += Hour;
            }

            points[station.DeviceId] = from;
        }

        return points;
    }

    /// <summary>How many hourly packets a back-fill from these resume points sends.</summary>
    public static long PacketsDue(IReadOnlyDictionary<string, DateTimeOffset> from, DateTimeOffset now) =>
        from.Values.Sum(start => Math.Max(0, (long)((LastClosedHour(now) - start) / Hour) + 1));

    /// <summary>Sends every closed hour from each station's resume point to now; returns the packets due, the report and the time taken.</summary>
    public async Task<(long Packets, SimulationReport? Report, TimeSpan Elapsed)> BackfillAsync(
        IReadOnlyDictionary<string, DateTimeOffset> from, DateTimeOffset now, Action<AcknowledgedPacket>? onAcknowledged, CancellationToken cancellationToken)
    {
        DateTimeOffset last = LastClosedHour(now);
        var runs = SyntheticBasin.StationsOf(basin)
            .Select(station => (Station: station, Start: from[station.DeviceId], Hours: (long)((last - from[station.DeviceId]) / Hour) + 1))
            .Where(run => run.Hours > 0)
            .ToArray();
        if (runs.Length == 0)
        {
            return (0, null, TimeSpan.Zero);
        }

        var clock = Stopwatch.StartNew();
        SimulationReport[] reports = await Task.WhenAll(runs.Select(run =>
            Simulator.RunAsync(Hourly(run.Start, run.Hours) with { Stations = [run.Station], Window = 16 }, onAcknowledged, cancellationToken)));
        return (runs.Sum(r => r.Hours), Merge(reports, clock.Elapsed), clock.Elapsed);
    }

    // One report for the console: counts add up; latencies are the slowest station's.
    private static SimulationReport Merge(SimulationReport[] reports, TimeSpan elapsed) => new(
        reports.Sum(r => r.Stations), reports.Sum(r => r.PacketsSent), reports.Sum(r => r.PacketsAcknowledged), reports.Sum(r => r.ReadingsAcknowledged),
        reports.Sum(r => r.Retransmissions), reports.Sum(r => r.Failed), reports.Sum(r => r.Rejected),
        reports.SelectMany(r => r.Faults).GroupBy(f => f.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(f => f.Value), StringComparer.Ordinal),
        elapsed, reports.Max(r => r.AckLatencyP50), reports.Max(r => r.AckLatencyP99));

    /// <summary>At each hour's close, every station uploads that hour's values, as a real logger does.</summary>
    /// <param name="sentUpTo">The start of the last hour already sent.</param>
    public async Task HourlyUploadsAsync(DateTimeOffset sentUpTo, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                DateTimeOffset now = time.GetUtcNow().ToOffset(Hj212Time.ChinaStandardOffset);
                DateTimeOffset closes = sentUpTo + Hour + Hour;
                if (closes > now)
                {
                    await Task.Delay(closes - now + TimeSpan.FromSeconds(5), time, cancellationToken);
                    now = time.GetUtcNow().ToOffset(Hj212Time.ChinaStandardOffset);
                }

                long hours = (long)((LastClosedHour(now) - sentUpTo) / Hour);
                await Simulator.RunAsync(Hourly(sentUpTo + Hour, hours), null, cancellationToken);
                sentUpTo += Hour * hours;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Real-time values (CN 2011) every interval, with a few damaged packets so the station log has rejects to show.</summary>
    public SimulationOptions RealTime(DateTimeOffset start, TimeSpan interval) => new()
    {
        Host = "127.0.0.1", Port = hj212Port, Stations = SyntheticBasin.StationsOf(basin), Command = CommandCode.RealTimeData, Seed = seed,
        Interval = interval, Rate = 1 / interval.TotalSeconds, Start = start, AckTimeout = TimeSpan.FromSeconds(3),
        Faults = new FaultOptions { BadCrc = 0.01, Garbage = 0.005 },
    };

    /// <summary>The start of the last hour that has closed.</summary>
    public static DateTimeOffset LastClosedHour(DateTimeOffset now) =>
        new DateTimeOffset(now.Ticks - (now.Ticks % Hour.Ticks), now.Offset) - Hour;

    private SimulationOptions Hourly(DateTimeOffset start, long hours) => new()
    {
        Host = "127.0.0.1", Port = hj212Port, Stations = SyntheticBasin.StationsOf(basin), Command = CommandCode.HourlyData, Seed = seed,
        Interval = Hour, Start = start, PacketsPerStation = hours, Rate = 0,
    };
}
