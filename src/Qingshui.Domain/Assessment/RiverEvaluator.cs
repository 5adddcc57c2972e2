using Qingshui.Domain.Network;

namespace Qingshui.Domain.Assessment;

/// <summary>
/// River and basin evaluation (地表水环境质量评价办法 §2.4–2.5): fewer than five sections are judged on the mean of each
/// item across sections; five or more on the shares of sections per class. Main pollutants of the latter are ranked
/// by section exceedance rate.
/// </summary>
public static class RiverEvaluator
{
    /// <summary>Evaluates a river from its sections' period values (by item id, in each item's unit).</summary>
    public static RiverAssessment Evaluate(EvaluationRule rule, IReadOnlyList<IReadOnlyDictionary<string, decimal>> sections, RiverEvaluationRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(sections);
        rules ??= RiverEvaluationRules.Default;
        SectionAssessment[] assessed = sections.Select(s => SectionEvaluator.Evaluate(rule, s, WaterbodyKind.River)).ToArray();
        SectionAssessment[] determined = assessed.Where(a => a.IsDetermined).ToArray();
        Dictionary<WaterClass, decimal> shares = Enum.GetValues<WaterClass>().ToDictionary(
            c => c, c => determined.Length == 0 ? 0m : determined.Count(a => a.Class == c) / (decimal)determined.Length);

        if (determined.Length < rules.MinSectionsForShares)
        {
            var means = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (StandardItem item in rule.Items)
            {
                decimal[] values = sections.Where(s => s.TryGetValue(item.Id, out decimal v) && v >= 0).Select(s => s[item.Id]).ToArray();
                if (values.Length > 0)
                {
                    means[item.Id] = PeriodAggregator.Mean(item, values);
                }
            }

            SectionAssessment mean = SectionEvaluator.Evaluate(rule, means, WaterbodyKind.River);
            IReadOnlyList<RiverPollutant> pollutants = mean.MainPollutants.Select(p => new RiverPollutant(p.Item, ExceedanceRate(p.Item, determined))).ToArray();
            return new RiverAssessment(mean.Grade, RiverMethod.MeanConcentration, determined.Length, shares, mean, pollutants);
        }

        var result = new RiverAssessment(null, RiverMethod.ClassShares, determined.Length, shares, null, []);
        QualityGrade grade = GradeOf(result.ShareIToIII, result.ShareWorseThanV, rules);
        IReadOnlyList<RiverPollutant> main = grade > QualityGrade.Good
            ? rule.Items.Select(i => new RiverPollutant(i, ExceedanceRate(i, determined)))
                .Where(p => p.ExceedanceRate > 0)
                .OrderByDescending(p => p.ExceedanceRate).ThenBy(p => p.Item.Number)
                .Take(3).ToArray()
            : [];
        return result with { Grade = grade, MainPollutants = main };
    }

    /// <summary>The grade from class shares (§2.4 table).</summary>
    public static QualityGrade GradeOf(decimal shareIToIII, decimal shareWorseThanV, RiverEvaluationRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (shareIToIII >= 0.9m)
        {
            return QualityGrade.Excellent;
        }

        if (shareIToIII >= 0.75m)
        {
            return QualityGrade.Good;
        }

        if (shareWorseThanV < 0.2m)
        {
            return QualityGrade.SlightlyPolluted;
        }

        return shareWorseThanV >= 0.4m && shareIToIII < rules.HeavyPollutionMaxShareIToIII ? QualityGrade.HeavilyPolluted : QualityGrade.ModeratelyPolluted;
    }

    private static decimal ExceedanceRate(StandardItem item, SectionAssessment[] sections) =>
        sections.Length == 0 ? 0 : sections.Count(s => s.Items.Any(i => i.Item == item && i.ExceedsClassIII)) / (decimal)sections.Length;
}
