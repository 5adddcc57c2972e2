using Qingshui.Domain.Assessment;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Assessment;

/// <summary>
/// Monthly and annual classes of every section over a year of regular values: day → month → year means of each item by
/// <see cref="PeriodAggregator.MonthlyAndAnnual"/>, then each month and the year by <see cref="SectionEvaluator"/>. The
/// same pipeline whether the grid was filled from memory or from a store.
/// </summary>
public static class YearClasses
{
    /// <summary>Reads a year of one kind of reading from the store into a grid (a streaming scan: no object per value).</summary>
    public static async Task<YearGrid> ReadAsync(
        IBulkReadingStore store, IReadOnlyList<SectionStation> sections, int year, TimeSpan offset, ReadingKind kind, int valuesPerDay,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var grid = new YearGrid(sections, year, offset, valuesPerDay);
        grid.Bind(await store.SeriesAsync(kind, cancellationToken));
        (DateTimeOffset from, DateTimeOffset to) = grid.Range;
        await store.ScanAsync(new ReadingScan(kind, from, to) { Series = grid.BoundSeries }, grid, cancellationToken);
        return grid;
    }

    /// <summary>Every section's twelve monthly classes and its annual class, in the grid's order of sections.</summary>
    /// <param name="grid">The values.</param>
    /// <param name="rule">Which items decide a class.</param>
    /// <param name="parallelism">How many sections to assess at once.</param>
    /// <param name="rules">Completeness rules (default: the evaluation method's).</param>
    public static SectionYear[] Assess(YearGrid grid, EvaluationRule rule, int parallelism = 1, CompletenessRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var results = new SectionYear[grid.Sections.Count];
        Parallel.For(0, grid.Sections.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, () => new Means(),
            (section, _, means) =>
            {
                results[section] = AssessSection(grid, section, rule, rules, means);
                return means;
            }, _ => { });
        return results;
    }

    private static SectionYear AssessSection(YearGrid grid, int section, EvaluationRule rule, CompletenessRules? rules, Means means)
    {
        means.Clear();
        foreach (StandardItem item in grid.ItemsOf(section))
        {
            (ReadOnlyMemory<decimal> values, ReadOnlyMemory<bool> valid) = grid.Of(section, item)!.Value;
            (IReadOnlyList<PeriodMean> months, IReadOnlyList<PeriodMean> years) =
                PeriodAggregator.MonthlyAndAnnual(item, grid.FirstDay, grid.ValuesPerDay, values.Span, valid.Span, rules);
            foreach (PeriodMean month in months)
            {
                if (month.Mean is decimal mean && month.Period.Start.Year == grid.FirstDay.Year)
                {
                    means.Monthly[month.Period.Start.Month - 1][item.Id] = mean;
                }
            }

            if (years.Count > 0 && years[0].Mean is decimal annual)
            {
                means.Annual[item.Id] = annual;
            }
        }

        SectionStation station = grid.Sections[section];
        var monthly = new SectionAssessment[12];
        for (int m = 0; m < 12; m++)
        {
            monthly[m] = SectionEvaluator.Evaluate(rule, means.Monthly[m], station.Waterbody);
        }

        return new SectionYear(station.SectionId, monthly, SectionEvaluator.Evaluate(rule, means.Annual, station.Waterbody));
    }

    // One worker's means, reused section after section (the evaluator reads them; its results keep no reference).
    private sealed class Means
    {
        public Dictionary<string, decimal>[] Monthly { get; } =
            [.. Enumerable.Range(0, 12).Select(_ => new Dictionary<string, decimal>(StringComparer.Ordinal))];

        public Dictionary<string, decimal> Annual { get; } = new(StringComparer.Ordinal);

        public void Clear()
        {
            Annual.Clear();
            foreach (Dictionary<string, decimal> month in Monthly)
            {
                month.Clear();
            }
        }
    }
}
