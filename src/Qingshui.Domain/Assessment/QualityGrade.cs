namespace Qingshui.Domain.Assessment;

/// <summary>水质状况, the qualitative grade of a section, river or basin (地表水环境质量评价办法 §2.3–2.4).</summary>
public enum QualityGrade
{
    /// <summary>优: Ⅰ–Ⅱ (section); P(Ⅰ–Ⅲ) ≥ 90 % (river).</summary>
    Excellent = 1,

    /// <summary>良好: Ⅲ (section); 75 % ≤ P(Ⅰ–Ⅲ) &lt; 90 % (river).</summary>
    Good = 2,

    /// <summary>轻度污染: Ⅳ (section).</summary>
    SlightlyPolluted = 3,

    /// <summary>中度污染: Ⅴ (section).</summary>
    ModeratelyPolluted = 4,

    /// <summary>重度污染: 劣Ⅴ (section).</summary>
    HeavilyPolluted = 5,
}

/// <summary>Grades from classes, and their names.</summary>
public static class QualityGrades
{
    /// <summary>The grade of a section class.</summary>
    public static QualityGrade Of(WaterClass waterClass) => waterClass switch
    {
        WaterClass.I or WaterClass.II => QualityGrade.Excellent,
        WaterClass.III => QualityGrade.Good,
        WaterClass.IV => QualityGrade.SlightlyPolluted,
        WaterClass.V => QualityGrade.ModeratelyPolluted,
        _ => QualityGrade.HeavilyPolluted,
    };

    /// <summary>优, 良好, 轻度污染, 中度污染, 重度污染.</summary>
    public static string Chinese(QualityGrade grade) => grade switch
    {
        QualityGrade.Excellent => "优",
        QualityGrade.Good => "良好",
        QualityGrade.SlightlyPolluted => "轻度污染",
        QualityGrade.ModeratelyPolluted => "中度污染",
        _ => "重度污染",
    };

    /// <summary>English names.</summary>
    public static string English(QualityGrade grade) => grade switch
    {
        QualityGrade.Excellent => "excellent",
        QualityGrade.Good => "good",
        QualityGrade.SlightlyPolluted => "slightly polluted",
        QualityGrade.ModeratelyPolluted => "moderately polluted",
        _ => "heavily polluted",
    };
}
