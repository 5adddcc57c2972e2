using System.Diagnostics;
using System.Globalization;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Simulation;
using Qingshui.Storage;
using Qingshui.Storage.Assessment;
using Qingshui.Storage.Postgres;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Benchmarks;

/// <summary>
/// A year of four-hourly values (6 a day, the surface-water model's, 1 % invalid) for N sections × 9 parameters, as
/// <see cref="AssessmentBenchmarks"/> has them in memory: classified in memory (the baseline), then bulk-loaded into SQLite
/// and into PostgreSQL (readings/s) and read back from each by a scan and classified (seconds), the classes checked equal.
/// </summary>
internal static class StoreYear
{
    private const int Year = 2023, ValuesPerDay = 6, ReadingsPerLoad = 200_000;
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset NewYear = new(Year, 1, 1, 0, 0, 0, Beijing);
    private static readonly EvaluationRule Rule = EvaluationRule.FivePlusX();

    /// <param name="keep">A folder whose stores outlive the run, or null: a store loaded there before is not loaded again.</param>
    public static async Task RunAsync(string sqlitePath, string postgres, int sections, string backends, string? keep)
    {
        int slots = 365 * ValuesPerDay;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{sections:N0} sections × {SurfaceWaterModel.Codes.Count} parameters × {slots:N0} four-hourly values = {(long)sections * SurfaceWaterModel.Codes.Count * slots:N0} readings"));
        var watch = Stopwatch.StartNew();
        decimal[][][] values = Generate(sections, slots);
        bool[] valid = [.. Enumerable.Range(0, slots).Select(i => i % 97 != 0)];
        SectionStation[] network = [.. Enumerable.Range(0, sections).Select(s =>
            new SectionStation($"S{s:D4}", $"M{s:D4}", s % 15 == 0 ? WaterbodyKind.Lake : WaterbodyKind.River))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated in {watch.Elapsed.TotalSeconds:N1} s"));

        var grid = new YearGrid(network, Year, Beijing, ValuesPerDay);
        StandardItem?[] items = [.. SurfaceWaterModel.Codes.Select(StandardItems.ForParameter)];
        for (int s = 0; s < sections; s++)
        {
            for (int p = 0; p < items.Length; p++)
            {
                if (items[p] is StandardItem item)
                {
                    for (int i = 0; i < slots; i++)
                    {
                        grid.Put(s, item, i, values[s][p][i], valid[i]);
                    }
                }
            }
        }

        // AssessmentBenchmarks' baseline: the same values summed as doubles, one core (its quiet-machine figure is known).
        for (int round = 0; round < 3; round++)
        {
            TimeSpan before = Cpu();
            watch.Restart();
            double sum = DoubleSum(values);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"in memory (baseline): double sum of the same values, one core {watch.Elapsed.TotalSeconds,6:N3} s (CPU {(Cpu() - before).TotalSeconds:N3} s) [{sum:E3}]"));
        }

        string[] expected = [];
        foreach (int cores in new[] { 1, 1, 2, 2 })
        {
            TimeSpan before = Cpu();
            watch.Restart();
            expected = Summaries(YearClasses.Assess(grid, Rule, cores));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"in memory (baseline): classify on {cores} core(s) {watch.Elapsed.TotalSeconds,6:N2} s (CPU {(Cpu() - before).TotalSeconds:N2} s)"));
        }

        grid = null!;
        if (backends.Contains("sqlite", StringComparison.Ordinal))
        {
            await using SqliteStore sqlite = await SqliteStore.OpenAsync(new SqliteStoreOptions(sqlitePath, FullSync: true), TimeProvider.System, default);
            await MeasureAsync("SQLite", sqlite, network, values, valid, expected, keep);
        }

        if (backends.Contains("postgres", StringComparison.Ordinal))
        {
            await using PostgresStore pg = await PostgresStore.OpenAsync(new PostgresStoreOptions(postgres), TimeProvider.System, default);
            int? postmaster = int.TryParse(Environment.GetEnvironmentVariable("QINGSHUI_BENCH_POSTMASTER"), CultureInfo.InvariantCulture, out int pid) ? pid : null;
            await MeasureAsync("PostgreSQL", pg, network, values, valid, expected, keep, postmaster);
        }
    }

    private static async Task MeasureAsync(
        string name, IBulkReadingStore store, SectionStation[] network, decimal[][][] values, bool[] valid, string[] expected, string? keep,
        int? postmaster = null)
    {
        // A kept store loaded by an earlier run (benchmarks/store-year.sh with KEEP) is read again without loading it twice.
        string? loaded = keep is null ? null : Path.Combine(keep, "loaded-" + name);
        if (loaded is not null && File.Exists(loaded))
        {
            if (!File.ReadAllText(loaded).Contains(string.Create(CultureInfo.InvariantCulture, $" of {network.Length:N0} sections,"), StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{loaded} holds another number of sections: {File.ReadAllText(loaded).Trim()}");
            }

            Console.WriteLine($"{name,-10} load   skipped: kept from an earlier run ({File.ReadAllText(loaded).Trim()})");
        }
        else
        {
            double? serverBefore = ClusterCpu.Seconds(postmaster);
            var load = new Stopwatch();
            TimeSpan cpu = TimeSpan.Zero;
            long rows = 0;
            int days = Math.Max(1, ReadingsPerLoad / (network.Length * SurfaceWaterModel.Codes.Count * ValuesPerDay));
            for (int day = 0; day < 365; day += days)
            {
                List<Reading> chunk = Chunk(network, values, valid, day, days);
                TimeSpan before = Cpu();
                load.Start();
                BulkLoadResult result = await store.LoadAsync(chunk, default);
                load.Stop();
                cpu += Cpu() - before;
                rows += result.ReadingsWritten;
                // A long load (the whole network on a busy machine) shows how far it came if it is stopped.
                if ((day / days) % 30 == 29)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name,-10} loading: {Math.Min(365, day + days)} of 365 days, {rows:N0} readings in {load.Elapsed.TotalSeconds:N1} s ({rows / load.Elapsed.TotalSeconds:N0} readings/s; this process's CPU {cpu.TotalSeconds:N1} s); load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-10} load   {rows:N0} readings in {load.Elapsed.TotalSeconds,6:N1} s: {rows / load.Elapsed.TotalSeconds,9:N0} readings/s ({days} day(s) of every section per transaction; this process's CPU {cpu.TotalSeconds:N1} s{Server(postmaster, serverBefore)})"));
            if (loaded is not null)
            {
                File.WriteAllText(loaded, string.Create(CultureInfo.InvariantCulture, $"{rows:N0} readings of {network.Length:N0} sections, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC\n"));
            }
        }

        // What the read's first step costs alone: the grid's arrays made and the store's series bound to them.
        TimeSpan gridCpu = Cpu();
        var gridWatch = Stopwatch.StartNew();
        new YearGrid(network, Year, Beijing, ValuesPerDay).Bind(await store.SeriesAsync(ReadingKind.FourHour, default));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-10} an empty grid made and bound (the first step of each read below): {gridWatch.Elapsed.TotalSeconds:N2} s (CPU {(Cpu() - gridCpu).TotalSeconds:N2} s)"));
        GC.Collect();

        for (int round = 1; round <= 2; round++)
        {
            TimeSpan cpuBefore = Cpu();
            double? serverBefore = ClusterCpu.Seconds(postmaster);
            var watch = Stopwatch.StartNew();
            YearGrid grid = await YearClasses.ReadAsync(store, network, Year, Beijing, ReadingKind.FourHour, ValuesPerDay, default);
            double read = watch.Elapsed.TotalSeconds;
            string[] actual = Summaries(YearClasses.Assess(grid, Rule, parallelism: 2));
            double total = watch.Elapsed.TotalSeconds;
            bool same = actual.AsSpan().SequenceEqual(expected);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-10} read + classify (round {round}): {total,6:N2} s (scan {read:N2} s, classify {total - read:N2} s; this process's CPU {(Cpu() - cpuBefore).TotalSeconds:N2} s{Server(postmaster, serverBefore)}); left out {grid.LeftOut}; classes {(same ? "equal to" : "DIFFER FROM")} the in-memory pipeline's"));
            if (!same)
            {
                Environment.ExitCode = 1;
            }
        }
    }

    private static double DoubleSum(decimal[][][] values)
    {
        double total = 0;
        foreach (decimal[][] section in values)
        {
            foreach (decimal[] series in section)
            {
                foreach (decimal v in series)
                {
                    total += (double)v;
                }
            }
        }

        return total;
    }

    private static string Server(int? postmaster, double? before) =>
        ClusterCpu.Seconds(postmaster) is double after && before is double b ? string.Create(CultureInfo.InvariantCulture, $", the cluster's CPU {after - b:N1} s") : "";

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static List<Reading> Chunk(SectionStation[] network, decimal[][][] values, bool[] valid, int firstDay, int days)
    {
        var chunk = new List<Reading>(network.Length * SurfaceWaterModel.Codes.Count * ValuesPerDay * days);
        Unit[] units = [.. SurfaceWaterModel.Codes.Select(c => StandardItems.ForParameter(c)?.Unit ?? Unit.Unspecified)];
        for (int i = firstDay * ValuesPerDay; i < Math.Min(365, firstDay + days) * ValuesPerDay; i++)
        {
            DateTimeOffset time = NewYear.AddHours(4 * i);
            for (int s = 0; s < network.Length; s++)
            {
                for (int p = 0; p < units.Length; p++)
                {
                    chunk.Add(new Reading(network[s].StationId, SurfaceWaterModel.Codes[p], ReadingKind.FourHour, time, values[s][p][i], units[p],
                        valid[i] ? "N" : "D", valid[i]));
                }
            }
        }

        return chunk;
    }

    // As AssessmentBenchmarks generates them.
    private static decimal[][][] Generate(int sections, int slots)
    {
        var model = new SurfaceWaterModel(2023);
        var values = new decimal[sections][][];
        Parallel.For(0, sections, s =>
        {
            var profile = new StationProfile(0.5 + (s % 7 * 0.2), 1.0, s % 11 == 0 ? new HashSet<int> { 7 } : new HashSet<int>());
            var series = new decimal[SurfaceWaterModel.Codes.Count][];
            for (int p = 0; p < series.Length; p++)
            {
                series[p] = new decimal[slots];
            }

            for (int i = 0; i < slots; i++)
            {
                decimal[] at = model.ValuesAt(s, NewYear.AddHours(4 * i), profile);
                for (int p = 0; p < at.Length; p++)
                {
                    series[p][i] = at[p];
                }
            }

            values[s] = series;
        });
        return values;
    }

    private static string[] Summaries(SectionYear[] years) =>
        [.. years.Select(y => y.SectionId + " " + string.Join(",", y.Months.Append(y.Year).Select(a =>
            (a.Class?.ToString() ?? "-") + ":" + string.Join("/", a.Items.Select(i => i.Value)))))];
}
