using Qingshui.Domain.Assessment;
using Qingshui.Domain.Review;

namespace Qingshui.Domain.Tests.Review;

public sealed class MonthCompletenessTests
{
    private static readonly Period March = Period.Containing(PeriodKind.Month, new DateOnly(2024, 3, 1));

    private static IEnumerable<DayValue> Hours(string parameter, int day, int valid, int invalid = 0) =>
        Enumerable.Range(0, valid + invalid).Select(i => new DayValue(parameter, new DateOnly(2024, 3, day), i < valid));

    [Fact]
    public void Of_DaysWithEnoughValidHours_CountAgainstTheMonthsRule_AtTheBoundary()
    {
        var rules = new CompletenessRules(MinValuesPerDay: 18, MinDaysPerMonth: 20);
        IEnumerable<DayValue> values = Enumerable.Range(1, 20).SelectMany(d => Hours("w21003", d, 18, 6))
            .Concat(Hours("w21003", 21, 17, 7));

        ParameterCompleteness result = Assert.Single(MonthCompleteness.Of(March, ["w21003"], values, _ => rules, March.End));

        Assert.Equal((20, 20, true), (result.ValidDays, result.RequiredDays, result.Complete));
        Assert.Equal(11, result.IncompleteDays.Count);
        Assert.Equal(new DateOnly(2024, 3, 21), result.IncompleteDays[0]);
    }

    [Fact]
    public void Of_OneValidDayShort_IsIncomplete_AndAnExpectedParameterWithoutValuesIsListed()
    {
        var rules = new CompletenessRules(MinValuesPerDay: 1, MinDaysPerMonth: 20);
        IEnumerable<DayValue> values = Enumerable.Range(1, 19).SelectMany(d => Hours("w21003", d, 1));

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
