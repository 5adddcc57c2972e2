using BenchmarkDotNet.Attributes;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Quality;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;
using Qingshui.Simulation;

namespace Qingshui.Benchmarks;

/// <summary>
/// Screening as the ingest writer does it before each batch: hourly uploads of 1,000 stations (9 readings each, the
/// surface-water model's values), one hour of all stations per invocation, series history warmed by two days. The
/// cost includes making each <see cref="Reading"/>, as the baseline (<c>none</c>: flags and physical possibility only) does.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 6)]
[MemoryDiagnoser]
public class ScreenerBenchmarks
{
    private const int Stations = 1000;
    private const int Hours = 24 * 30;
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private decimal[][][] _values = [];
    private string[] _ids = [];
    private Unit[] _units = [];
    private Screener _screener = null!;
    private int _hour;

    /// <summary>The shipped default rules, or none but flags and physics.</summary>
    [Params("default", "none")]
    public string Rules { get; set; } = "default";

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

        _screener = new Screener(Rules == "none" ? ScreeningRules.FlagsOnly(DataFlagPolicy.Default) : ScreeningFile.Default(DataFlagPolicy.Default));
        for (_hour = 0; _hour < 48; _hour++)
        {
            OneHour();
        }
    }

    /// <summary>One hour of all stations: 9,000 readings.</summary>
    [Benchmark(OperationsPerInvoke = Stations * 9)]
    public int OneHourOfAllStations()
    {
        _hour++;
        return OneHour();
    }

    private int OneHour()
    {
        int marked = 0;
        int index = _hour % Hours;
        DateTimeOffset time = Start.AddHours(_hour);
        decimal[][] hour = _values[index];
        for (int s = 0; s < _ids.Length; s++)
        {
            for (int p = 0; p < _units.Length; p++)
            {
                Reading screened = _screener.Screen(new Reading(_ids[s], SurfaceWaterModel.Codes[p], ReadingKind.Hour, time, hour[s][p], _units[p], "N", true));
                marked += screened.ScreenRule is null ? 0 : 1;
            }
        }

        return marked;
    }
}
