using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Compensation;

/// <summary>What a section's class for one period rests on: the means per item (with their valid counts), the assessment, and a fingerprint of the data used.</summary>
/// <param name="Section">The section id.</param>
/// <param name="Period">The period.</param>
/// <param name="Means">Each item's period mean, valid units and required units.</param>
/// <param name="Assessment">The section assessment (class, deciding items, missing items).</param>
/// <param name="DataFingerprint">SHA-256 (first 16 hex digits) of the observations used: a revised or late value changes it.</param>
public sealed record SectionEvidence(string Section, Period Period, IReadOnlyList<PeriodMean> Means, SectionAssessment Assessment, string DataFingerprint);
