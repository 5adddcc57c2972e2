using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Tests.Compensation;

/// <summary>Observations that give a section a chosen class month by month (one value a day for the core items).</summary>
internal static class CompensationData
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    // Core values for each class: NH3-N decides it, the rest stay at Class Ⅰ.
    private static readonly Dictionary<WaterClass, decimal> Ammonia = new()
    {
        [WaterClass.I] = 0.1m, [WaterClass.II] = 0.4m, [WaterClass.III] = 0.9m, [WaterClass.IV] = 1.3m, [WaterClass.V] = 1.8m, [WaterClass.WorseThanV] = 2.6m,
    };

    public static IEnumerable<Observation> Month(int year, int month, WaterClass waterClass, decimal? cod = null, decimal tp = 0.015m)
    {
        for (int day = 1; day <= DateTime.DaysInMonth(year, month); day++)
        {
            var time = new DateTimeOffset(year, month, day, 8, 0, 0, Beijing);
            yield return new Observation(Gb3838Table1.PH, time, 7.6m, true);
            yield return new Observation(Gb3838Table1.DissolvedOxygen, time, 8.2m, true);
            yield return new Observation(Gb3838Table1.PermanganateIndex, time, 1.8m, true);
            yield return new Observation(Gb3838Table1.AmmoniaNitrogen, time, Ammonia[waterClass], true);
            yield return new Observation(Gb3838Table1.TotalPhosphorus, time, tp, true);
            if (cod is decimal c)
            {
                yield return new Observation(Gb3838Table1.ChemicalOxygenDemand, time, c, true);
            }
        }
    }

    public static IReadOnlyDictionary<string, IReadOnlyList<Observation>> Section(string section, IEnumerable<Observation> observations) =>
        new Dictionary<string, IReadOnlyList<Observation>> { [section] = observations.ToList() };

    public static IEnumerable<Observation> Year(int year, Func<int, WaterClass?> classOfMonth) =>
        Enumerable.Range(1, 12).Where(m => classOfMonth(m) is not null).SelectMany(m => Month(year, m, classOfMonth(m)!.Value));
}
