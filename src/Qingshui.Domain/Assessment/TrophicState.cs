namespace Qingshui.Domain.Assessment;

/// <summary>营养状态 of a lake or reservoir (CNEMC 总站生字〔2001〕090号).</summary>
public enum TrophicGrade
{
    /// <summary>贫营养: TLI &lt; 30.</summary>
    Oligotrophic,

    /// <summary>中营养: 30 ≤ TLI ≤ 50.</summary>
    Mesotrophic,

    /// <summary>轻度富营养: 50 &lt; TLI ≤ 60.</summary>
    LightlyEutrophic,

    /// <summary>中度富营养: 60 &lt; TLI ≤ 70.</summary>
    ModeratelyEutrophic,

    /// <summary>重度富营养: TLI &gt; 70.</summary>
    HyperEutrophic,
}

/// <summary>The inputs of the trophic level index: chlorophyll a in mg/m³, transparency in m, the others in mg/L.</summary>
/// <param name="ChlorophyllA">叶绿素a, mg/m³ (µg/L).</param>
/// <param name="TotalPhosphorus">总磷, mg/L.</param>
/// <param name="TotalNitrogen">总氮, mg/L.</param>
/// <param name="Transparency">透明度, m.</param>
/// <param name="PermanganateIndex">高锰酸盐指数, mg/L.</param>
public readonly record struct TrophicInputs(double ChlorophyllA, double TotalPhosphorus, double TotalNitrogen, double Transparency, double PermanganateIndex);

/// <summary>The result: the composite index, each parameter's index, and the grade.</summary>
/// <param name="Index">TLI(Σ).</param>
/// <param name="Parts">TLI(j) for chla, TP, TN, SD, CODMn.</param>
/// <param name="Grade">The grade.</param>
public sealed record TrophicAssessment(double Index, IReadOnlyList<double> Parts, TrophicGrade Grade);

/// <summary>
/// Composite trophic level index TLI(Σ) = Σ Wⱼ·TLI(j), with Wⱼ = rⱼ²/Σr² against chlorophyll a (r = 1, 0.84, 0.82,
/// −0.83, 0.83), and the CNEMC grades. Logarithms make this a floating-point computation.
/// </summary>
public static class TrophicState
{
    private static readonly double[] Correlations = [1, 0.84, 0.82, -0.83, 0.83];
    private static readonly double[] Weights = Correlations.Select(r => r * r / Correlations.Sum(x => x * x)).ToArray();

    /// <summary>Wⱼ for chla, TP, TN, SD, CODMn (0.2663, 0.1879, 0.1790, 0.1834, 0.1834).</summary>
    public static IReadOnlyList<double> WeightsOfParts => Weights;

    /// <summary>Computes TLI(Σ) and its grade; every input must be positive.</summary>
    public static TrophicAssessment Assess(TrophicInputs inputs)
    {
        double[] values = [inputs.ChlorophyllA, inputs.TotalPhosphorus, inputs.TotalNitrogen, inputs.Transparency, inputs.PermanganateIndex];
        if (values.Any(v => !(v > 0)))
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "every trophic input must be a positive number");
        }

        double[] parts =
        [
            10 * (2.5 + (1.086 * Math.Log(inputs.ChlorophyllA))),
            10 * (9.436 + (1.624 * Math.Log(inputs.TotalPhosphorus))),
            10 * (5.453 + (1.694 * Math.Log(inputs.TotalNitrogen))),
            10 * (5.118 - (1.94 * Math.Log(inputs.Transparency))),
            10 * (0.109 + (2.661 * Math.Log(inputs.PermanganateIndex))),
        ];
        double index = parts.Select((p, j) => Weights[j] * p).Sum();
        return new TrophicAssessment(index, parts, GradeOf(index));
    }

    /// <summary>The CNEMC grade: &lt; 30, 30–50 inclusive, then (50, 60], (60, 70], &gt; 70.</summary>
    public static TrophicGrade GradeOf(double index) => index switch
    {
        < 30 => TrophicGrade.Oligotrophic,
        <= 50 => TrophicGrade.Mesotrophic,
        <= 60 => TrophicGrade.LightlyEutrophic,
        <= 70 => TrophicGrade.ModeratelyEutrophic,
        _ => TrophicGrade.HyperEutrophic,
    };
}
