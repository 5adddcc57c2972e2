using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Tests.Assessment;

public sealed class SectionEvaluatorTests
{
    private static Dictionary<string, decimal> Values(params (string Id, decimal Value)[] values) =>
        values.ToDictionary(v => v.Id, v => v.Value, StringComparer.Ordinal);

    private static readonly Dictionary<string, decimal> CleanCore = Values(("pH", 7.5m), ("DO", 8.1m), ("CODMn", 1.8m), ("NH3N", 0.12m), ("TP", 0.015m));

    [Fact]
    public void Evaluate_ClassIsTheWorstItem_AndTheDecidingItemsAreNamed()
    {
        Dictionary<string, decimal> values = new(CleanCore) { ["NH3N"] = 0.42m, ["TP"] = 0.081m };

        SectionAssessment result = SectionEvaluator.Evaluate(EvaluationRule.FivePlusX(), values, WaterbodyKind.River);

        Assert.Equal(WaterClass.II, result.Class);
        Assert.Equal(QualityGrade.Excellent, result.Grade);
        Assert.Equal(["NH3N", "TP"], result.Deciding.Select(i => i.Id));
        Assert.Empty(result.MainPollutants);
    }

    [Fact]
    public void Evaluate_WorseThanIII_NamesUpToThreeMainPollutants_WorstClassThenMultiple()
    {
        Dictionary<string, decimal> values = new(CleanCore) { ["CODMn"] = 7.2m, ["NH3N"] = 1.9m, ["TP"] = 0.38m, ["DO"] = 2.5m, ["COD"] = 25m };

        SectionAssessment result = SectionEvaluator.Evaluate(EvaluationRule.FivePlusX(Gb3838Table1.ChemicalOxygenDemand), values, WaterbodyKind.River);

        Assert.Equal(WaterClass.V, result.Class);
        Assert.Equal(QualityGrade.ModeratelyPolluted, result.Grade);
        // Class Ⅴ: NH3-N (multiple 0.9), TP (0.9), DO (no multiple); then Class Ⅳ by multiple.
        Assert.Equal(["NH3N(0.9)", "TP(0.9)", "DO"], result.MainPollutants.Select(p => p.ToString()));
        Assert.Equal("氨氮(NH3-N)(0.9)", result.MainPollutants[0].ToChinese());
    }

    [Fact]
    public void Evaluate_CyanideOrHeavyMetalExceeding_RanksFirst()
    {
        Dictionary<string, decimal> values = new(CleanCore) { ["NH3N"] = 3.0m, ["Pb"] = 0.06m, ["CN"] = 0.21m };

        SectionAssessment result = SectionEvaluator.Evaluate(EvaluationRule.FivePlusX(Gb3838Table1.Lead, Gb3838Table1.Cyanide), values, WaterbodyKind.River);

        Assert.Equal(WaterClass.WorseThanV, result.Class);
        Assert.Equal(["CN", "Pb", "NH3N"], result.MainPollutants.Select(p => p.Item.Id));
    }

    [Fact]
    public void Evaluate_RequiredItemMissing_GivesNoClass()
    {
        Dictionary<string, decimal> values = new(CleanCore);
        values.Remove("NH3N");
        values["TP"] = -0.01m;

        SectionAssessment result = SectionEvaluator.Evaluate(EvaluationRule.FivePlusX(), values, WaterbodyKind.River);

        Assert.False(result.IsDetermined);
        Assert.Null(result.Grade);
        Assert.Equal(["NH3N"], result.Missing.Select(i => i.Id));
    }

    [Fact]
    public void Evaluate_PhosphorusNotMeasured_StillGivesAClassFromTheOtherFour()
    {
        // As the national release does for rows without TP.
        Dictionary<string, decimal> values = new(CleanCore);
        values.Remove("TP");

        SectionAssessment result = SectionEvaluator.Evaluate(EvaluationRule.FivePlusX(), values, WaterbodyKind.River);

        Assert.Equal(WaterClass.I, result.Class);
        Assert.Equal(ItemStatus.NotMeasured, result.Items.Single(i => i.Item.Id == "TP").Status);
    }

    [Fact]
    public void Evaluate_TwentyOneItems_ExcludesTemperatureNitrogenAndColiform_AndUsesWhatWasMeasured()
    {
        Dictionary<string, decimal> values = new(CleanCore) { ["TN"] = 5m, ["FC"] = 90000m, ["WT"] = 30m, ["COD"] = 16m };

        SectionAssessment result = SectionEvaluator.Evaluate(EvaluationRule.TwentyOneItems, values, WaterbodyKind.River);

        Assert.Equal(21, EvaluationRule.TwentyOneItems.Items.Count);
        Assert.Equal(WaterClass.III, result.Class);
        Assert.Equal(["COD"], result.Deciding.Select(i => i.Id));
    }

    [Fact]
    public void Evaluate_Lake_UsesLakePhosphorusLimits()
    {
        Dictionary<string, decimal> values = new(CleanCore) { ["TP"] = 0.04m };

        Assert.Equal(WaterClass.II, SectionEvaluator.Evaluate(EvaluationRule.FivePlusX(), values, WaterbodyKind.River).Class);
        Assert.Equal(WaterClass.III, SectionEvaluator.Evaluate(EvaluationRule.FivePlusX(), values, WaterbodyKind.Lake).Class);
    }

    [Theory]
    [InlineData("21", "gb3838-21")]
    [InlineData("5+X", "5+X")]
    [InlineData("5+x:COD,BOD5", "5+X:COD,BOD5")]
    [InlineData("custom:pH,DO,NH3N", "custom:pH,DO,NH3N")]
    public void Parse_RuleNames(string text, string id)
    {
        Assert.Equal(id, EvaluationRule.Parse(text, out _)!.Id);
    }

    [Fact]
    public void Parse_UnknownItem_SaysWhich()
    {
        Assert.Null(EvaluationRule.Parse("5+X:COD,XYZ", out string? error));
        Assert.StartsWith("'XYZ' is not a GB 3838 item id", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Requiring_None_ClassesFromTheItemsPresent_AsThe2026ReleaseDoes()
    {
        var values = new Dictionary<string, decimal> { ["pH"] = 7.5m, ["DO"] = 8.2m, ["NH3N"] = 1.2m, ["TP"] = 0.05m };
        EvaluationRule rule = EvaluationRule.FivePlusX();

        SectionAssessment byDefault = SectionEvaluator.Evaluate(rule, values, WaterbodyKind.River);
        SectionAssessment none = SectionEvaluator.Evaluate(rule.Requiring("none", out string? noError), values, WaterbodyKind.River);
        SectionAssessment codMn = SectionEvaluator.Evaluate(rule.Requiring("CODMn", out _), values, WaterbodyKind.River);

        Assert.Equal((null, (WaterClass?)WaterClass.IV, null), (byDefault.Class, none.Class, codMn.Class));
        Assert.Null(noError);
        Assert.Equal(["CODMn"], codMn.Missing.Select(i => i.Id));
    }

    [Theory]
    [InlineData("TN", "TN is not counted by the rule 5+X: it cannot be required")]
    [InlineData("", "'' names no item: give ITEM,… (e.g. CODMn,NH3N) or none")]
    public void Requiring_AnItemTheRuleDoesNotCount_IsRefusedWithTheReason(string text, string reason)
    {
        EvaluationRule rule = EvaluationRule.FivePlusX();

        EvaluationRule same = rule.Requiring(text, out string? error);

        Assert.Same(rule, same);
        Assert.Equal(reason, error);
    }

    // Domain §7: the 2026 release classifies rows with NH3-N, CODMn or pH missing (--) from the items present; the
    // 2020–2021 release (the default) gives none. Present values sit on class limits, which are inclusive.
    [Theory]
    [InlineData("NH3N", WaterClass.III)]
    [InlineData("CODMn", WaterClass.III)]
    [InlineData("pH", WaterClass.III)]
    [InlineData("NH3N,CODMn,pH", WaterClass.III)]
    [InlineData("CODMn,pH", WaterClass.III)]
    public void RequiringNone_RowMissingNH3NCODMnOrPH_IsClassedFromTheItemsPresent_TheDefaultGivesNone(string absent, WaterClass expected)
    {
        // DO 5 (Ⅲ from 5), CODMn 6 (Ⅲ up to 6), NH3-N 1.0 (Ⅲ up to 1.0), TP 0.2 (Ⅲ up to 0.2), pH 9 (within 6–9)
        Dictionary<string, decimal> all = Values(("pH", 9m), ("DO", 5m), ("CODMn", 6m), ("NH3N", 1.0m), ("TP", 0.2m));
        string[] missing = absent.Split(',');
        Dictionary<string, decimal> values = all.Where(v => !missing.Contains(v.Key)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        EvaluationRule rule = EvaluationRule.FivePlusX();

        SectionAssessment none = SectionEvaluator.Evaluate(rule.Requiring("none", out _), values, WaterbodyKind.River);
        SectionAssessment byDefault = SectionEvaluator.Evaluate(rule, values, WaterbodyKind.River);

        Assert.Equal(expected, none.Class);
        Assert.Empty(none.Missing);
        Assert.Null(byDefault.Class);
        Assert.Equal(missing.Order(StringComparer.Ordinal), byDefault.Missing.Select(i => i.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RequiringNone_ClassJustOverALimit_IsTheNextClass_AndNoItemAtAllGivesNoClass()
    {
        EvaluationRule none = EvaluationRule.FivePlusX().Requiring("none", out _);

        // Without CODMn and pH: NH3-N 1.0001 is over Ⅲ's 1.0, so Ⅳ; pH 9.01 alone is worse than Ⅴ.
        Assert.Equal(WaterClass.IV, SectionEvaluator.Evaluate(none, Values(("DO", 5m), ("NH3N", 1.0001m), ("TP", 0.2m)), WaterbodyKind.River).Class);
        Assert.Equal(WaterClass.WorseThanV, SectionEvaluator.Evaluate(none, Values(("pH", 9.01m)), WaterbodyKind.River).Class);
        Assert.Null(SectionEvaluator.Evaluate(none, Values(), WaterbodyKind.River).Class);
        Assert.Null(SectionEvaluator.Evaluate(none, Values(("TN", 0.1m)), WaterbodyKind.River).Class);
    }
}
