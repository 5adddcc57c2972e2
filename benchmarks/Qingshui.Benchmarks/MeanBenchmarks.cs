using BenchmarkDotNet.Attributes;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;
using Qingshui.Simulation;

namespace Qingshui.Benchmarks;

/// <summary>
/// A year of four-hourly values of one section (2,190 values, 1 % invalid): daily, monthly and annual means by the
/// standard's rules (ammonia nitrogen; pH through H⁺) against a plain double mean over the same values, same run.
/// </summary>
[MemoryDiagnoser]
public class MeanBenchmarks
{
    private const int ValuesPerDay = 6;
    private static readonly DateOnly FirstDay = new(2023, 1, 1);
    private decimal[] _ammonia = [];
    private decimal[] _pH = [];
    private double[] _doubles = [];
    private bool[] _valid = [];

    [GlobalSetup]
    public void Setup()
    {
        var model = new SurfaceWaterModel(2023);
        int count = 365 * ValuesPerDay;
        var profile = new StationProfile(0.9, 1.0, new HashSet<int>());
        var start = new DateTimeOffset(FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
        decimal[][] rows = Enumerable.Range(0, count).Select(i => model.ValuesAt(3, start.AddHours(4 * i), profile)).ToArray();
        _pH = rows.Select(r => r[1]).ToArray();
        _ammonia = rows.Select(r => r[6]).ToArray();
        _doubles = _ammonia.Select(v => (double)v).ToArray();
        _valid = Enumerable.Range(0, count).Select(i => i % 97 != 0).ToArray();
    }

    [Benchmark(Baseline = true, Description = "plain double mean of the year's values")]
    public double DoubleMean()
    {
        double sum = 0;
        foreach (double v in _doubles)
        {
            sum += v;
        }

        return sum / _doubles.Length;
    }

    [Benchmark(Description = "NH3-N day, month, year means (decimal, exact)")]
    public decimal? AmmoniaMeans() =>
        PeriodAggregator.MonthlyAndAnnual(Gb3838Table1.AmmoniaNitrogen, FirstDay, ValuesPerDay, _ammonia, _valid).Years[0].Mean;

    [Benchmark(Description = "pH day, month, year means through H+")]
    public decimal? PHMeans() =>
        PeriodAggregator.MonthlyAndAnnual(Gb3838Table1.PH, FirstDay, ValuesPerDay, _pH, _valid).Years[0].Mean;
}
