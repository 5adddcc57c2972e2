using BenchmarkDotNet.Attributes;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Simulation;

namespace Qingshui.Benchmarks;

/// <summary>
/// Alert evaluation as the server does it after each commit: the shipped default rules over hourly uploads of 1,000
/// stations (9 readings each, the surface-water model's values), one hour of all stations per invocation, the
/// detectors already warmed up by three days of history. The cost includes making each <see cref="Reading"/>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 6)]
[MemoryDiagnoser]
public class AlertEvaluatorBenchmarks
{
    private const int Stations = 1000;
    private const int Hours = 24 * 30;
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private readonly List<AlertSignal> _signals = [];
    private decimal[][][] _values = [];
    private string[] _ids = [];
    private Unit[] _units = [];
    private AlertEvaluator _evaluator = null!;
    private int _hour;

    /// <summary>Which of the default rules run: all, or one kind alone (to see where the time goes).</summary>
    [Params("all", "statistical", "target-exceeded-for", "none")]
    public string Rules { get; set; } = "all";

    [GlobalSetup]
    public void Setup()
    {
        Basin basin = BasinFile.Parse(SyntheticBasin.BasinFileText(Stations)).Basin!;
        var model = new SurfaceWaterModel(2024);
        IReadOnlyList<SimulatedStation> stations = SyntheticBasin.StationsOf(basin);
        _ids = [.. stations.Select(s => s.DeviceId)];
        _units = [.. SurfaceWaterModel.Codes.Select(c => ParameterCatalogue.Find(c)!.DefaultUnit)];
        _values = new decimal[Hours][][];
        for (int h = 0; h < Hours; h++)
        {
            _values[h] = [.. stations.Select(s => model.ValuesAt(s.Index, Start.AddHours(h), s.Profile))];
        }

        _evaluator = new AlertEvaluator(basin, Rules switch
        {
            "all" => AlertRuleFile.Default,
            "none" => [],
            _ => [.. AlertRuleFile.Default.Where(r => AlertKinds.Word(r.Kind) == Rules)],
        });
        for (_hour = 0; _hour < 72; _hour++)
        {
            OneHour();
        }
    }

    /// <summary>One hour of all stations: 9,000 readings.</summary>
    [Benchmark(OperationsPerInvoke = Stations * 9)]
    public int OneHourOfAllStations()
    {
        // Past the generated month the series start over a month later, so every reading is new to its series.
        _hour++;
        return OneHour();
    }

    private int OneHour()
    {
        _signals.Clear();
        int index = _hour % Hours;
        DateTimeOffset time = Start.AddHours(_hour);
        decimal[][] hour = _values[index];
        for (int s = 0; s < _ids.Length; s++)
        {
            for (int p = 0; p < _units.Length; p++)
            {
                _evaluator.Observe(new Reading(_ids[s], SurfaceWaterModel.Codes[p], ReadingKind.Hour, time, hour[s][p], _units[p], "N", true), time, _signals);
            }
        }

        return _signals.Count;
    }
}
