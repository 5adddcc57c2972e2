using Qingshui.Domain.Assessment;

namespace Qingshui.Storage.Assessment;

/// <summary>A section's year: the class of each month (January first) and of the year, with their items' means.</summary>
/// <param name="SectionId">The section.</param>
/// <param name="Months">Twelve assessments, January to December.</param>
/// <param name="Year">The annual assessment.</param>
public sealed record SectionYear(string SectionId, IReadOnlyList<SectionAssessment> Months, SectionAssessment Year);
