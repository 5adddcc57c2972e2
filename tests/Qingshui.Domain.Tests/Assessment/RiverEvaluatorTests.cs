using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Tests.Assessment;

public sealed class RiverEvaluatorTests
{
    private static IReadOnlyDictionary<string, decimal> Section(decimal nh3, decimal tp = 0.05m) =>
        new Dictionary<string, decimal> { ["pH"] = 7.5m, ["DO"] = 8m, ["CODMn"] = 2m, ["NH3N"] = nh3, ["TP"] = tp };

    [Fact]
    public void FewerThanFiveSections_AreJudgedOnMeanConcentrations()
    {
        RiverAssessment result = RiverEvaluator.Evaluate(EvaluationRule.FivePlusX(), [Section(0.4m), Section(1.4m), Section(0.7m)]);

        Assert.Equal(RiverMethod.MeanConcentration, result.Method);
        Assert.Equal(WaterClass.III, result.MeanAssessment!.Class);
        Assert.Equal(QualityGrade.Good, result.Grade);
    }

    [Fact]
    public void FiveOrMoreSections_AreJudgedOnClassShares_WithMainPollutantsByExceedanceRate()
    {
        // Ⅱ, Ⅱ, Ⅳ (NH3-N), Ⅴ (NH3-N, TP), 劣Ⅴ (NH3-N): P(Ⅰ–Ⅲ) = 40 %, P(劣Ⅴ) = 20 %.
        IReadOnlyDictionary<string, decimal>[] sections = [Section(0.4m), Section(0.3m), Section(1.4m), Section(1.9m, 0.35m), Section(2.5m)];

        RiverAssessment result = RiverEvaluator.Evaluate(EvaluationRule.FivePlusX(), sections);

        Assert.Equal(RiverMethod.ClassShares, result.Method);
        Assert.Equal((0.4m, 0.2m), (result.ShareIToIII, result.ShareWorseThanV));
        Assert.Equal(QualityGrade.ModeratelyPolluted, result.Grade);
        Assert.Equal([("NH3N", 0.6m), ("TP", 0.2m)], result.MainPollutants.Select(p => (p.Item.Id, p.ExceedanceRate)));
    }

    [Theory]
    [InlineData(0.90, 0.0, QualityGrade.Excellent)]
    [InlineData(0.89, 0.0, QualityGrade.Good)]
    [InlineData(0.75, 0.1, QualityGrade.Good)]
    [InlineData(0.74, 0.19, QualityGrade.SlightlyPolluted)]
    [InlineData(0.74, 0.20, QualityGrade.ModeratelyPolluted)]
    [InlineData(0.74, 0.39, QualityGrade.ModeratelyPolluted)]
    [InlineData(0.74, 0.40, QualityGrade.HeavilyPolluted)]
    [InlineData(0.60, 0.40, QualityGrade.HeavilyPolluted)]
    public void Grade_FromShares_FollowsTheTable(double shareIToIII, double shareWorseThanV, QualityGrade expected) =>
        Assert.Equal(expected, RiverEvaluator.GradeOf((decimal)shareIToIII, (decimal)shareWorseThanV, RiverEvaluationRules.Default));

    [Fact]
    public void Grade_HeavyPollutionBound_IsConfigurable()
    {
        var recalled = new RiverEvaluationRules(HeavyPollutionMaxShareIToIII: 0.60m);

        Assert.Equal(QualityGrade.ModeratelyPolluted, RiverEvaluator.GradeOf(0.60m, 0.40m, recalled));
        Assert.Equal(QualityGrade.HeavilyPolluted, RiverEvaluator.GradeOf(0.59m, 0.40m, recalled));
    }
}
