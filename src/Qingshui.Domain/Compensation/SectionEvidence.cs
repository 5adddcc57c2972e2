using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Compensation;

/// <summary>What a section's class for one period rests on: the means per item (with their valid counts), the assessment, and a fingerprint of the data used.</summary>
/// <param name="Section">The section id.</param>
/// <param name="Period">The period.</param>
/// <param name="Means">Each item's period mean, valid units and required units.</param>
/// <param name="Assessment">The section assessment (class, deciding items, missing items).</param>
/// <param name="DataFingerprint">SHA-256 (first 16 hex digits) of the observations used: a revised or late value changes it.</param>
public sealed record SectionEvidence(string Section, Period Period, IReadOnlyList<PeriodMean> Means, SectionAssessment Assessment, string DataFingerprint)
{
    /// <summary>Valid values, valid days and days per item; <c>null</c> in accounts recorded before it was kept.</summary>
    public IReadOnlyList<ItemCoverage>? Coverage { get; init; }

    /// <summary>Items of the rule the section does not monitor (the release's <c>*</c>): left out of the rule, not missing.</summary>
    public IReadOnlyList<StandardItem> NotMonitored { get; init; } = [];

    /// <summary>What the section's data-source term did (stations used, each station's own means); <c>null</c> when the readings are pooled.</summary>
    public SourceEvidence? Source { get; init; }
}
