using Qingshui.Domain.Assessment;

namespace Qingshui.Cli.Commands;

/// <summary>One line of <c>assess</c> output: a row or a section-period and how it was judged.</summary>
internal sealed record AssessmentRow(string Section, string When, SectionAssessment Assessment, WaterClass? Published);
