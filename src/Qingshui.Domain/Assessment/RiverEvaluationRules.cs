namespace Qingshui.Domain.Assessment;

/// <summary>
/// Thresholds of river and basin evaluation (地表水环境质量评价办法 §2.4), as configuration because the exact wording of
/// two edges was not read: whether exactly five sections already use class shares, and the P(Ⅰ–Ⅲ) bound of 重度污染.
/// </summary>
/// <param name="MinSectionsForShares">From this many sections on, the grade comes from class shares (default 5: "5个（含5个）以上").</param>
/// <param name="HeavyPollutionMaxShareIToIII">重度污染 needs P(Ⅰ–Ⅲ) below this (default 0.75, as a provincial Q&amp;A gives; the recalled original says 0.60).</param>
public sealed record RiverEvaluationRules(int MinSectionsForShares = 5, decimal HeavyPollutionMaxShareIToIII = 0.75m)
{
    /// <summary>The defaults above.</summary>
    public static RiverEvaluationRules Default { get; } = new();
}
