using Qingshui.Domain.Network;

namespace Qingshui.Domain.Assessment;

/// <summary>A lake or reservoir point: its class (lake TP limits), total nitrogen judged on its own, and the trophic state when its inputs are known.</summary>
/// <param name="Section">The class evaluation (TN not counted).</param>
/// <param name="TotalNitrogen">Total nitrogen's own class (地表水环境质量评价办法 §2.1: evaluated separately).</param>
/// <param name="Trophic">TLI(Σ) and its grade, when chlorophyll a, TP, TN, transparency and CODMn are all given.</param>
public sealed record LakeAssessment(SectionAssessment Section, ItemAssessment TotalNitrogen, TrophicAssessment? Trophic)
{
    /// <summary>Evaluates a lake or reservoir point from its values by item id; trophic inputs are optional.</summary>
    public static LakeAssessment Evaluate(EvaluationRule rule, IReadOnlyDictionary<string, decimal> values, TrophicInputs? trophic = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        EvaluationRule withoutNitrogen = rule with { Items = rule.Items.Where(i => i != Gb3838Table1.TotalNitrogen).ToArray() };
        SectionAssessment section = SectionEvaluator.Evaluate(withoutNitrogen, values, WaterbodyKind.Lake);
        ItemAssessment nitrogen = ItemClassifier.Assess(Gb3838Table1.TotalNitrogen, values.TryGetValue("TN", out decimal tn) ? tn : null, WaterbodyKind.Lake);
        return new LakeAssessment(section, nitrogen, trophic is TrophicInputs inputs ? TrophicState.Assess(inputs) : null);
    }
}
