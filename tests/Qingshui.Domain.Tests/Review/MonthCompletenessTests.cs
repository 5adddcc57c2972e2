using Qingshui.Domain.Assessment;
using Qingshui.Domain.Review;

namespace Qingshui.Domain.Tests.Review;

public sealed class MonthCompletenessTests
{
    private static readonly Period March = Period.Containing(PeriodKind.Month, new DateOnly(2024, 3, 1));

    private static IEnumerable<DayCount> Hours(string parameter, int day, int valid) => [new DayCount(parameter, new DateOnly(2024, 3, day), valid)];

    [Fact]
    public void Of_DaysWithEnoughValidHours_CountAgainstTheMonthsRule_AtTheBoundary()
    {
        var rules = new CompletenessRules(MinValuesPerDay: 18, MinDaysPerMonth: 20);
        IEnumerable<DayCount> values = Enumerable.Range(1, 20).SelectMany(d => Hours("w21003", d, 18))
            .Concat(Hours("w21003", 21, 17));

        ParameterCompleteness result = Assert.Single(MonthCompleteness.Of(March, ["w21003"], values, _ => rules, March.End));

        Assert.Equal((20, 20, true), (result.ValidDays, result.RequiredDays, result.Complete));
        Assert.Equal(11, result.IncompleteDays.Count);
        Assert.Equal(new DateOnly(2024, 3, 21), result.IncompleteDays[0]);
    }

    [Fact]
    public void Of_OneValidDayShort_IsIncomplete_AndAnExpectedParameterWithoutValuesIsListed()
    {
        var rules = new CompletenessRules(MinValuesPerDay: 1, MinDaysPerMonth: 20);
        IEnumerable<DayCount> values = Enumerable.Range(1, 19).SelectMany(d => Hours("w21003", d, 1));

        IReadOnlyList<ParameterCompleteness> result = MonthCompleteness.Of(March, ["w01009", "w21003"], values, _ => rules, March.End);

        Assert.Equal([("w01009", 0, false), ("w21003", 19, false)], result.Select(r => (r.Parameter, r.ValidDays, r.Complete)));
    }

    [Fact]
    public void Of_DaysNotYetDue_AreNotIncomplete()
    {
        ParameterCompleteness result = Assert.Single(MonthCompleteness.Of(March, ["w21003"], Hours("w21003", 1, 1), _ => CompletenessRules.Default,
            new DateOnly(2024, 3, 3)));

        Assert.Equal([new DateOnly(2024, 3, 2)], result.IncompleteDays);
    }
}

public sealed class MonthCompletenessRulesTests
{
    [Fact]
    public void RulesFor_AStationOfAnAgreement_FollowsItsTerms_OtherStations_TheDefaults()
    {
        Qingshui.Domain.Compensation.Agreement lushui = Qingshui.Domain.Compensation.AgreementFile.Parse(
            Qingshui.Domain.Presets.AgreementPresets.Text("lushui-2019")!).Agreement!;

        Assert.Equal(20, MonthCompleteness.RulesFor([lushui], "360300A00000000000000201")("w21003").MinDaysPerMonth);
        Assert.Equal(CompletenessRules.Default, MonthCompleteness.RulesFor([lushui], "36030000000101")("w21003"));
    }
}
