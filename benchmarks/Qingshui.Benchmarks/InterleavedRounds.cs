using System.Diagnostics;
using System.Globalization;

namespace Qingshui.Benchmarks;

/// <summary>
/// The operations of a benchmark class timed in interleaved rounds on one thread: each round runs every operation in
/// turn, so a burst of load from elsewhere falls on all of them alike, and the minimum over rounds (the run least
/// disturbed) is compared with the baseline's minimum; the medians are printed beside them. For a shared machine, where
/// BenchmarkDotNet's means move with the load.
/// </summary>
internal static class InterleavedRounds
{
    /// <summary>`means-rounds ROUNDS`: <see cref="MeanBenchmarks"/>, 50 invocations per operation and round.</summary>
    public static void Means(int rounds, TextWriter output)
    {
        var means = new MeanBenchmarks();
        means.Setup();
        Run(output, rounds, 50,
        [
            ("plain double mean of the year's values (baseline)", means.DoubleMean),
            ("NH3-N day, month, year means (decimal, exact)", () => (double)(means.AmmoniaMeans() ?? 0)),
            ("pH day, month, year means through H+", () => (double)(means.PHMeans() ?? 0)),
        ]);
    }

    /// <summary>`pipeline-rounds ROUNDS`: <see cref="AssessmentBenchmarks"/>, one invocation per operation and round.</summary>
    public static void Pipeline(int rounds, TextWriter output)
    {
        var pipeline = new AssessmentBenchmarks();
        var setup = Stopwatch.StartNew();
        pipeline.Setup();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{pipeline.ValueCount:N0} values generated in {setup.Elapsed.TotalSeconds:F0} s"));
        Run(output, rounds, 1,
        [
            ("plain double sum of the same values (baseline)", pipeline.DoubleSum),
            ("3,641 sections x 9 parameters x 1 year -> monthly and annual classes", () => pipeline.AssessYear()),
        ]);
    }

    private static void Run(TextWriter output, int rounds, int invocations, (string Name, Func<double> Operation)[] operations)
    {
        output.WriteLine($"one thread, {rounds} interleaved rounds of {invocations} invocation(s); {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        var times = operations.Select(_ => new List<double>()).ToArray();
        double sink = 0;
        for (int round = -1; round < rounds; round++)
        {
            for (int k = 0; k < operations.Length; k++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < invocations; i++)
                {
                    sink += operations[k].Operation();
                }

                // Round −1 warms up (and lets the JIT finish its tiers); it is not counted.
                if (round >= 0)
                {
                    times[k].Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds / invocations);
                }
            }
        }

        double baseMin = times[0].Min(), baseMedian = Median(times[0]);
        output.WriteLine($"{"operation",-72} {"min",12} {"median",12} {"min ratio",10} {"median ratio",13}");
        for (int k = 0; k < operations.Length; k++)
        {
            double min = times[k].Min(), median = Median(times[k]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{operations[k].Name,-72} {Format(min),12} {Format(median),12} {min / baseMin,10:F2} {median / baseMedian,13:F2}"));
        }

        output.WriteLine($"load average after: {LoadAverage()} (checksum {sink.ToString("G3", CultureInfo.InvariantCulture)})");
    }

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted[sorted.Length / 2];
    }

    private static string Format(double nanoseconds) => nanoseconds >= 1e6
        ? string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e6:F1} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{nanoseconds:F0} ns");

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
