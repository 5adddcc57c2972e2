using Qingshui.Domain.Assessment;

namespace Qingshui.Cli.Commands;

/// <summary>One line of <c>assess</c> output: a row or a section-period and how it was judged.</summary>
internal sealed record AssessmentRow(string Section, string When, SectionAssessment Assessment, WaterClass? Published)
{
    /// <summary>The station's status as the file gives it (正常, 维护, 不具备运行条件…), when it does.</summary>
    public string? Status { get; init; }

    /// <summary>
    /// A station reported out of normal operation (维护 maintenance, 不具备运行条件 not fit to run…) with no class: said
    /// as such, not as "insufficient data", since nothing was expected of it.
    /// </summary>
    public bool OutOfService => Status is string s && s != "正常" && !Assessment.IsDetermined;
}
