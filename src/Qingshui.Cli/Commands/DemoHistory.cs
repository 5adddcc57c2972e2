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

    /// <summary>The hour after the newest hourly value already stored, or <paramref name="start"/> on a fresh database.</summary>
    public async Task<DateTimeOffset> ResumeFromAsync(IReadingStore store, DateTimeOffset start, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Station first = basin.Stations[0];
        IReadOnlyList<StoredReading> stored = await store.ReadingsAsync(
            new ReadingQuery(first.DeviceId, SurfaceWaterModel.Codes[6], ReadingKind.Hour, start, now), cancellationToken);
        return stored.Count == 0 ? start : stored.Max(r => r.Reading.PeriodStart) + Hour;
    }

    /// <summary>Sends every closed hour from <paramref name="from"/> to now; returns the hours sent and the report.</summary>
    public async Task<(long Hours, SimulationReport? Report, TimeSpan Elapsed)> BackfillAsync(DateTimeOffset from, DateTimeOffset now, CancellationToken cancellationToken)
    {
        long hours = (long)((LastClosedHour(now) - from) / Hour) + 1;
        if (hours <= 0)
        {
            return (0, null, TimeSpan.Zero);
        }

        var clock = Stopwatch.StartNew();
        SimulationReport report = await Simulator.RunAsync(Hourly(from, hours) with { Window = 16 }, null, cancellationToken);
        return (hours, report, clock.Elapsed);
    }

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
