using BenchmarkDotNet.Attributes;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;
using Qingshui.Simulation;

namespace Qingshui.Benchmarks;

/// <summary>
/// Single-factor classification (GB 3838-2002) of the surface-water model's values of the six classified items (pH,
/// DO, CODMn, NH3-N, TP, TN), per value: Qingshui's exact decimal classification against a plain double threshold
/// loop over the same values (the shape of the fastest double-based peers), in the same run.
/// </summary>
[MemoryDiagnoser]
public class ClassificationBenchmarks
{
    private const int PerItem = 16_384;
    private static readonly StandardItem[] Items =
        [Gb3838Table1.PH, Gb3838Table1.DissolvedOxygen, Gb3838Table1.PermanganateIndex, Gb3838Table1.AmmoniaNitrogen,
         Gb3838Table1.TotalPhosphorus, Gb3838Table1.TotalNitrogen];

    private static readonly int[] Columns = [1, 2, 5, 6, 7, 8];

    private decimal[][] _values = [];
    private double[][] _doubles = [];
    private double[][] _limits = [];
    private ItemLimit[] _itemLimits = [];
    private WaterClass[] _classes = new WaterClass[PerItem];

    [GlobalSetup]
    public void Setup()
    {
        var model = new SurfaceWaterModel(2023);
        _values = Items.Select(_ => new decimal[PerItem]).ToArray();
        var start = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        for (int i = 0; i < PerItem; i++)
        {
            var profile = new StationProfile(0.5 + (i % 7 * 0.4), 1.0, new HashSet<int>());
            decimal[] row = model.ValuesAt(i % 97, start.AddHours(4 * i), profile);
            for (int k = 0; k < Items.Length; k++)
            {
                _values[k][i] = row[Columns[k]];
            }
        }

        _doubles = _values.Select(v => v.Select(d => (double)d).ToArray()).ToArray();
        _itemLimits = Items.Select(i => i.LimitFor(WaterbodyKind.River)).ToArray();
        _limits = _itemLimits.Select(l => l.Kind == LimitKind.Range
            ? new[] { (double)l.Bounds.Minimum, (double)l.Bounds.Maximum }
            : Enumerable.Range(1, 5).Select(c => (double)l.LimitOf((WaterClass)c)).ToArray()).ToArray();
    }

    [Benchmark(Baseline = true, Description = "plain double threshold loop", OperationsPerInvoke = PerItem * 6)]
    public int DoubleThresholds()
    {
        int sum = 0;
        for (int k = 0; k < _doubles.Length; k++)
        {
            double[] limits = _limits[k];
            LimitKind kind = _itemLimits[k].Kind;
            foreach (double v in _doubles[k])
            {
                sum += kind switch
                {
                    LimitKind.UpperBound => Upper(v, limits),
                    LimitKind.LowerBound => Lower(v, limits),
                    _ => v >= limits[0] && v <= limits[1] ? 1 : 6,
                };
            }
        }

        return sum;
    }

    [Benchmark(Description = "ItemLimit.ClassOf (decimal, exact)", OperationsPerInvoke = PerItem * 6)]
    public int DecimalClasses()
    {
        int sum = 0;
        for (int k = 0; k < _values.Length; k++)
        {
            ItemLimit limit = _itemLimits[k];
            foreach (decimal v in _values[k])
            {
                sum += (int)limit.ClassOf(v).GetValueOrDefault();
            }
        }

        return sum;
    }

    [Benchmark(Description = "ItemLimit.ClassesOf (batch, decimal, exact)", OperationsPerInvoke = PerItem * 6)]
    public int DecimalClassesBatch()
    {
        int sum = 0;
        for (int k = 0; k < _values.Length; k++)
        {
            _itemLimits[k].ClassesOf(_values[k], _classes);
            foreach (WaterClass c in _classes)
            {
                sum += (int)c;
            }
        }

        return sum;
    }

    [Benchmark(Description = "ItemLimit.ClassOf before: decimal comparisons", OperationsPerInvoke = PerItem * 6)]
    public int DecimalComparisons()
    {
        int sum = 0;
        for (int k = 0; k < _values.Length; k++)
        {
            ItemLimit limit = _itemLimits[k];
            foreach (decimal v in _values[k])
            {
                sum += (int)limit.DecimalClassOf(v).GetValueOrDefault();
            }
        }

        return sum;
    }

    private static int Upper(double v, double[] limits)
    {
        for (int i = 0; i < limits.Length; i++)
        {
            if (v <= limits[i])
            {
                return i + 1;
            }
        }

        return 6;
    }

    private static int Lower(double v, double[] limits)
    {
        for (int i = 0; i < limits.Length; i++)
        {
            if (v >= limits[i])
            {
                return i + 1;
            }
        }

        return 6;
    }
}
