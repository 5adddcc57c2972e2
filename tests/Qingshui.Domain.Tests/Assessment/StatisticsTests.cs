using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Tests.Assessment;

public sealed class StatisticsTests
{
    [Theory]
    [InlineData("0.0034", 3, "0.003")]
    [InlineData("0.0035", 3, "0.004")]
    [InlineData("0.0045", 3, "0.004")]
    [InlineData("0.00005", 3, "0.00005")]
    [InlineData("0.000049", 3, "0.00005")]
    [InlineData("2.25", 1, "2.2")]
    [InlineData("2.35", 1, "2.4")]
    [InlineData("0", 2, "0")]
    public void Round_HalfToEven_KeepingOneSignificantDigit(string value, int places, string expected)
    {
        // shared/data/gb3838/journey_surfacewater_statistics_cases.csv JS-02 … JS-05.
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            StatisticalRounding.Round(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), places));
    }

    [Fact]
    public void DecimalPlaces_FollowThe2020Rules()
    {
        // JS-06: Se assessment values to 4 decimals; JS-07: NH3-N hourly values to 3.
        Assert.Equal(4, StatisticalRounding.AssessmentPlaces(StandardItems.Find("Se")!));
        Assert.Equal(3, StatisticalRounding.HourlyPlaces(StandardItems.Find("NH3N")!));
        Assert.Null(StatisticalRounding.AssessmentPlaces(StandardItems.Find("Fe")!));
    }

    [Fact]
    public void TrophicState_WorkedExample_Is48Point02Mesotrophic()
    {
        // domain.md §2.6 test vector: chla 10 mg/m³, TP 0.05, TN 1.0, SD 1.0 m, CODMn 4.0.
        TrophicAssessment result = TrophicState.Assess(new TrophicInputs(10, 0.05, 1.0, 1.0, 4.0));

        Assert.Equal([50.006, 45.709, 54.530, 51.180, 37.979], result.Parts.Select(p => Math.Round(p, 3)));
        Assert.Equal(48.02, Math.Round(result.Index, 2));
        Assert.Equal(TrophicGrade.Mesotrophic, result.Grade);
        Assert.Equal([0.2663, 0.1879, 0.1790, 0.1834, 0.1834], TrophicState.WeightsOfParts.Select(w => Math.Round(w, 4)));
    }

    [Theory]
    [InlineData(29.99, TrophicGrade.Oligotrophic)]
    [InlineData(30, TrophicGrade.Mesotrophic)]
    [InlineData(50, TrophicGrade.Mesotrophic)]
    [InlineData(50.01, TrophicGrade.LightlyEutrophic)]
    [InlineData(60, TrophicGrade.LightlyEutrophic)]
    [InlineData(70, TrophicGrade.ModeratelyEutrophic)]
    [InlineData(70.01, TrophicGrade.HyperEutrophic)]
    public void TrophicGrade_Boundaries(double index, TrophicGrade grade) => Assert.Equal(grade, TrophicState.GradeOf(index));

    [Fact]
    public void Spearman_WorkedExample_IsASignificantFall()
    {
        // domain.md §2.8: 1.20, 1.05, 1.10, 0.90, 0.80, 0.75 → rs = −0.943.
        decimal[] annual = [1.20m, 1.05m, 1.10m, 0.90m, 0.80m, 0.75m];

        TrendResult at05 = Trend.Spearman(annual, 0.05);
        TrendResult at01 = Trend.Spearman(annual, 0.01);

        Assert.Equal(-0.943, Math.Round(at05.Coefficient, 3));
        Assert.True(at05.Significant);
        Assert.Equal(0.829, at05.CriticalValue);
        Assert.True(at01.Significant, "equal to Wp(0.01) = 0.943 counts as significant");
        Assert.Equal("falling", at05.Direction);
    }

    [Fact]
    public void Spearman_TiesGetAverageRanks_AndShortSeriesHaveNoVerdict()
    {
        // Ranks 1, 2.5, 2.5, 4, 5: Σd² = 0.5, rs = 1 − 3/120.
        Assert.Equal(0.975, Trend.Spearman([1m, 2m, 2m, 3m, 4m]).Coefficient, 3);
        TrendResult four = Trend.Spearman([1m, 2m, 3m, 4m]);
        Assert.Null(four.CriticalValue);
        Assert.False(four.Significant);
        Assert.Equal(0.506, Trend.Spearman(Enumerable.Range(0, 13).Select(i => (decimal)i).ToArray()).CriticalValue);
    }

    [Theory]
    [InlineData(QualityGrade.Good, QualityGrade.Good, ChangeLevel.NoObviousChange)]
    [InlineData(QualityGrade.SlightlyPolluted, QualityGrade.Good, ChangeLevel.SomewhatBetter)]
    [InlineData(QualityGrade.Good, QualityGrade.ModeratelyPolluted, ChangeLevel.ObviouslyWorse)]
    public void Change_ByGrade(QualityGrade before, QualityGrade after, ChangeLevel expected) => Assert.Equal(expected, PeriodChange.ByGrade(before, after));

    [Theory]
    [InlineData(0.70, 0.10, 0.75, 0.10, ChangeLevel.NoObviousChange)]
    [InlineData(0.70, 0.10, 0.80, 0.05, ChangeLevel.SomewhatBetter)]
    [InlineData(0.70, 0.10, 0.85, 0.02, ChangeLevel.ObviouslyBetter)]
    [InlineData(0.80, 0.05, 0.60, 0.10, ChangeLevel.ObviouslyWorse)]
    public void Change_ByShares(double g1, double d1, double g2, double d2, ChangeLevel expected) =>
        Assert.Equal(expected, PeriodChange.ByShares((decimal)g1, (decimal)d1, (decimal)g2, (decimal)d2));
}
