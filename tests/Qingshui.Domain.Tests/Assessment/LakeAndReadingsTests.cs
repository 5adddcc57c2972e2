using Qingshui.Domain.Assessment;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;

namespace Qingshui.Domain.Tests.Assessment;

public sealed class LakeAndReadingsTests
{
    [Fact]
    public void Lake_TotalNitrogenIsJudgedApart_AndDoesNotDecideTheClass()
    {
        var values = new Dictionary<string, decimal> { ["pH"] = 8m, ["DO"] = 8m, ["CODMn"] = 3.5m, ["NH3N"] = 0.3m, ["TP"] = 0.04m, ["TN"] = 1.8m };

        LakeAssessment result = LakeAssessment.Evaluate(EvaluationRule.FivePlusX(Gb3838Table1.TotalNitrogen), values, new TrophicInputs(10, 0.05, 1.0, 1.0, 4.0));

        Assert.Equal(WaterClass.III, result.Section.Class);
        Assert.Equal(WaterClass.V, result.TotalNitrogen.Class);
        Assert.Equal(TrophicGrade.Mesotrophic, result.Trophic!.Grade);
    }

    [Fact]
    public void Observations_FromReadings_ConvertUnitsAndKeepValidity()
    {
        var time = new DateTimeOffset(2024, 6, 1, 8, 0, 0, TimeSpan.FromHours(8));
        Reading[] readings =
        [
            new("M", "w20111", ReadingKind.Hour, time, 0.08m, Unit.MicrogramPerLitre, "N", true),
            new("M", "w21003", ReadingKind.Hour, time, 0.42m, Unit.MilligramPerLitre, "D", false),
            new("M", "w01014", ReadingKind.Hour, time, 250m, Unit.MicrosiemensPerCentimetre, "N", true),
        ];

        Observation[] observations = Observations.FromReadings(readings).ToArray();

        Assert.Equal([("Hg", 0.00008m, true), ("NH3N", 0.42m, false)], observations.Select(o => (o.Item.Id, o.Value, o.Valid)));
    }
}
