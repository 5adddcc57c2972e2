namespace Qingshui.Domain.Assessment;

/// <summary>A section judged by a rule: its class (or why there is none), grade, deciding items and main pollutants.</summary>
/// <param name="Class">The worst class of the evaluated items; <c>null</c> when a required item was not measured.</param>
/// <param name="Items">Every item of the rule, judged.</param>
/// <param name="Deciding">The items at the section's class (which make it what it is).</param>
/// <param name="MainPollutants">Up to three items worse than Class Ⅲ, ranked.</param>
/// <param name="Missing">Required items that were not measured.</param>
public sealed record SectionAssessment(
    WaterClass? Class, IReadOnlyList<ItemAssessment> Items, IReadOnlyList<StandardItem> Deciding, IReadOnlyList<MainPollutant> MainPollutants,
    IReadOnlyList<StandardItem> Missing)
{
    /// <summary>Whether a class was given (false: insufficient data).</summary>
    public bool IsDetermined => Class is not null;

    /// <summary>The qualitative grade, when determined.</summary>
    public QualityGrade? Grade => Class is WaterClass c ? QualityGrades.Of(c) : null;
}
