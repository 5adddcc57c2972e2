using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;
using Qingshui.Server.Api.Contracts;

namespace Qingshui.Server.Api;

/// <summary>Domain values to API contracts.</summary>
internal static class ApiMapping
{
    public static NameDto Name(LocalizedText text) => new(text.Chinese, text.English);

    public static string? Class(WaterClass? value) => value is WaterClass c ? WaterClassText.ToRoman(c) : null;

    public static AssessmentDto Assessment(SectionAssessment a) => new(
        Class(a.Class),
        a.Grade is QualityGrade g ? QualityGrades.Chinese(g) : null,
        a.Deciding.Select(i => i.Id).ToArray(),
        a.MainPollutants.Select(p => new PollutantDto(p.Item.Id, p.Item.ChineseName, p.ExceedanceMultiple)).ToArray(),
        a.Missing.Select(i => i.Id).ToArray(),
        a.Items.Where(i => i.Value is not null).ToDictionary(i => i.Item.Id, i => i.Value!.Value));

    public static string Waterbody(WaterbodyKind kind) => kind.ToString().ToLowerInvariant();
}
