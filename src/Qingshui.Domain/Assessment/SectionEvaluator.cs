using Qingshui.Domain.Network;

namespace Qingshui.Domain.Assessment;

/// <summary>
/// Section evaluation (地表水环境质量评价办法 §2.3): single-factor evaluation of every item of the rule, the section
/// class being the worst item class. Values are unrounded means in each item's unit.
/// </summary>
public static class SectionEvaluator
{
    /// <summary>Evaluates a section from its values by item id (values in the item's unit; missing or negative = not measured).</summary>
    public static SectionAssessment Evaluate(EvaluationRule rule, IReadOnlyDictionary<string, decimal> values, WaterbodyKind waterbody)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(values);
        ItemAssessment[] items = rule.Items
            .Select(item => ItemClassifier.Assess(item, values.TryGetValue(item.Id, out decimal v) ? v : null, waterbody))
            .ToArray();
        StandardItem[] missing = items.Where(i => i.Status == ItemStatus.NotMeasured && rule.Required.Contains(i.Item)).Select(i => i.Item).ToArray();
        WaterClass? worst = items.Where(i => i.Class is not null).Select(i => i.Class).Max();
        if (missing.Length > 0 || worst is null)
        {
            return new SectionAssessment(null, items, [], [], missing);
        }

        StandardItem[] deciding = items.Where(i => i.Class == worst).Select(i => i.Item).ToArray();
        return new SectionAssessment(worst, items, deciding, MainPollutants.Rank(items, worst), []);
    }
}
