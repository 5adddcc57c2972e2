using System.Diagnostics;
using System.Globalization;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;
using Qingshui.Simulation;
using Qingshui.Storage;
using Qingshui.Storage.Postgres;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Benchmarks;

/// <summary>
/// The store's part of the review queue on SQLite and on PostgreSQL, the same month written into each through its own
/// write path (<see cref="ReviewStore"/>): what the queue asks for a month (every station's day counts and the months'
/// review states), what a station's page asks (its day counts), and one decision revising a station's day.
/// </summary>
internal static class ReviewQueueStores
{
    public static async Task RunAsync(int stations, int parameters, int repeats, string sqlitePath, string postgres)
    {
        await using (SqliteStore sqlite = await SqliteStore.OpenAsync(new SqliteStoreOptions(sqlitePath), TimeProvider.System, CancellationToken.None))
        {
            await TimeAsync("sqlite", sqlite, sqlite, stations, parameters, repeats);
        }

        await using PostgresStore store = await PostgresStore.OpenAsync(new PostgresStoreOptions(postgres), TimeProvider.System, CancellationToken.None);
        await TimeAsync("postgresql", store, store, stations, parameters, repeats);
    }

    private static async Task TimeAsync(string name, IReadingStore readings, IReviewStore review, int stations, int parameters, int repeats)
    {
        CancellationToken ct = CancellationToken.None;
        var march = new DateOnly(2024, 3, 1);
        var watch = Stopwatch.StartNew();
        long written = await ReviewStore.WriteAsync(readings, stations, parameters);
        Report(name, $"{written} readings written in {watch.Elapsed.TotalSeconds:F1} s ({written / watch.Elapsed.TotalSeconds:F0} readings/s)");

        async Task<int> QueueAsync()
        {
            IReadOnlyList<ReviewDayCount> counts = await review.DayCountsAsync(null, ReadingKind.Hour, march, march.AddMonths(1), ct);
            IReadOnlyDictionary<(string, DateOnly), MonthReviewState> states = await review.MonthStatesAsync(march, march, ct);
            return counts.Count + states.Count;
        }

        string station = SyntheticBasin.DeviceId(stations / 2);
        await TimeRepeatedAsync(name, "month queue (every station's day counts + month states)", QueueAsync, repeats);
        await TimeRepeatedAsync(name, $"one station's day counts ({station})",
            async () => (await review.DayCountsAsync(station, ReadingKind.Hour, march, march.AddMonths(1), ct)).Count, repeats);

        var day = new DateTimeOffset(2024, 3, 20, 0, 0, 0, TimeSpan.FromHours(8));
        var decision = new ReviewDecision(SyntheticBasin.DeviceId(0), SurfaceWaterModel.Codes[0], day, day.AddDays(1), ReviewAction.Confirm, null,
            "other", "benchmark", "reviewer", "benchmark", day.AddDays(20));
        watch.Restart();
        ReviewApplyResult applied = await review.ApplyAsync([decision],
            (d, n) => AuditRecord.Create(d.At, new AuditActor(d.By, d.Organisation, null), "review.decide", d.StationId, AuditOutcome.Done, null, null, null), ct);
        Report(name, $"a decision over a station's day: {watch.Elapsed.TotalMilliseconds:F1} ms ({applied.Decisions[0].Readings} readings revised)");
    }

    private static async Task TimeRepeatedAsync(string name, string what, Func<Task<int>> run, int repeats)
    {
        var watch = Stopwatch.StartNew();
        int rows = await run();
        double first = watch.Elapsed.TotalMilliseconds;
        var times = new List<double>(repeats);
        for (int i = 0; i < repeats; i++)
        {
            watch.Restart();
            await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Report(name, $"{what}: {rows} rows; first {first:F0} ms, median of {repeats} {times[(repeats - 1) / 2]:F0} ms, slowest {times[^1]:F0} ms");
    }

    private static void Report(string name, string line) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-10} {line}"));
}
