using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qingshui.Domain.Joint;
using Qingshui.Domain.Network;
using Qingshui.Server.Ingest;
using Qingshui.Storage;

namespace Qingshui.Server.Joint;

/// <summary>
/// Opens discrepancies as readings commit: each committed batch that holds readings of a station of a two-station section
/// queues that section's pairs, and the pairs are compared over the months the readings fall in (and the month of the day
/// before now, so the first readings of a day settle the day just over), each month apart: a batch of hours from years
/// back reads those months, not every month from then to now. The hourly <see cref="DiscrepancyJob"/> stays as a catch-up
/// after a restart or a full queue.
/// </summary>
/// <remarks>
/// A scan reads the whole months of every pair it compares, so under a heavy upload a scan after every commit would
/// take a core from the ingest writer; after each scan the watch rests <see cref="RestPerScanTime"/> times as long as
/// the scan took (real time, not the server's clock), and the batches committed meanwhile are compared together.
/// </remarks>
internal sealed class DiscrepancyWatch(StationRegister register, DiscrepancyScan scan, TimeProvider clock, ILogger<DiscrepancyWatch> logger) : BackgroundService
{
    private static readonly TimeSpan Beijing = Hj212.Hj212Time.ChinaStandardOffset;

    /// <summary>How many times a scan's duration the watch rests after it: scans take at most a tenth of one core.</summary>
    internal const int RestPerScanTime = 9;

    private readonly Channel<Work> _work = Channel.CreateBounded<Work>(new BoundedChannelOptions(1024) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    // The paired stations of the register's basin, made again when a registration changes the basin.
    private (Basin Basin, HashSet<string> Stations)? _paired;
    private int _pending;

    /// <summary>Whether every batch queued so far has been compared (tests wait for it rather than sleeping).</summary>
    public bool Idle => Volatile.Read(ref _pending) == 0;

    /// <summary>Queues the paired stations of a committed batch and the months their readings fall in; the writer never waits.</summary>
    public void Post(IReadOnlyList<IngestRecord> records)
    {
        Basin basin = register.Basin;
        if (_paired is not { } known || !ReferenceEquals(known.Basin, basin))
        {
            _paired = known = (basin, new HashSet<string>(StationPair.Of(basin).SelectMany(p => new[] { p.A.DeviceId, p.B.DeviceId }), StringComparer.Ordinal));
        }

        HashSet<string>? stations = null;
        var months = new HashSet<int>();
        int lastMonth = int.MinValue;
        foreach (IngestRecord record in records)
        {
            foreach (Domain.Readings.Reading reading in record.Readings)
            {
                if (known.Stations.Contains(reading.StationId))
                {
                    (stations ??= new HashSet<string>(StringComparer.Ordinal)).Add(reading.StationId);
                    int month = MonthOf(reading.PeriodStart);
                    if (month != lastMonth)
                    {
                        months.Add(month);
                        lastMonth = month;
                    }
                }
            }
        }

        if (stations is null)
        {
            return;
        }

        Interlocked.Increment(ref _pending);
        if (!_work.Writer.TryWrite(new Work(stations, months)))
        {
            Interlocked.Decrement(ref _pending);
            Log.DiscrepancyQueueFull(logger, stations.Count);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _work.Reader.WaitToReadAsync(stoppingToken))
            {
                // Batches that came meanwhile are compared once together.
                var stations = new HashSet<string>(StringComparer.Ordinal);
                var months = new SortedSet<int>();
                int taken = 0;
                while (_work.Reader.TryRead(out Work? work))
                {
                    stations.UnionWith(work.Stations);
                    months.UnionWith(work.Months);
                    taken++;
                }

                DateTimeOffset now = clock.GetUtcNow();
                months.Add(MonthOf(now.AddDays(-1)));
                long started = Stopwatch.GetTimestamp();
                try
                {
                    // Each month up to now (readings ahead of now are left for a later scan, as before).
                    foreach (int month in months)
                    {
                        DateTimeOffset from = MonthStart(month), next = MonthStart(month + 1);
                        if (from < now)
                        {
                            await scan.ScanAsync(from, next < now ? next : now, stoppingToken, stations);
                        }
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.DiscrepancyScanFailed(logger, e);
                }
                finally
                {
                    Interlocked.Add(ref _pending, -taken);
                }

                await Task.Delay(RestAfter(Stopwatch.GetElapsedTime(started)), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The rest after a scan that took <paramref name="scanTook"/>.</summary>
    internal static TimeSpan RestAfter(TimeSpan scanTook) => scanTook <= TimeSpan.Zero ? TimeSpan.Zero : scanTook * RestPerScanTime;

    /// <summary>The month (in Beijing time, as periods are) of <paramref name="time"/>, as a number of months since year 0.</summary>
    internal static int MonthOf(DateTimeOffset time)
    {
        DateTimeOffset local = time.ToOffset(Beijing);
        return (local.Year * 12) + local.Month - 1;
    }

    internal static DateTimeOffset MonthStart(int month) => new(month / 12, (month % 12) + 1, 1, 0, 0, 0, Beijing);

    private sealed record Work(HashSet<string> Stations, HashSet<int> Months);
}
