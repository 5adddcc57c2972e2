using Qingshui.Domain.Assessment;
using Qingshui.Domain.Review;

namespace Qingshui.Domain.Tests.Review;

public sealed class StationRatesTests
{
    private static readonly DateOnly March1 = new(2024, 3, 1);

    private static HourlyDayCount Day(string parameter, int day, int received, int valid) => new(parameter, new DateOnly(2024, 3, day), received, valid);

    [Fact]
    public void Of_PerDay_HoursReceivedAreTheMostValuesOfOneParameter_AndValidRateCountsEveryValue()
    {
        // 2 March: ammonia sent 20 hours (2 of them invalid), phosphorus 18 hours, all valid.
        HourlyDayCount[] days = [Day("w21003", 1, 24, 24), Day("w21011", 1, 24, 24), Day("w21003", 2, 20, 18), Day("w21011", 2, 18, 18)];

        IReadOnlyList<StationRate> rates = StationRates.Of(days, March1, March1.AddDays(3), PeriodKind.Day, new DateOnly(2024, 4, 1), 0);

        Assert.Equal(3, rates.Count);
        Assert.Equal((24, 24, 1m, 1m), (rates[0].HoursExpected, rates[0].HoursReceived, rates[0].TransmissionRate, rates[0].ValidRate));
        Assert.Equal((24, 20, 0.8333m, 38, 36, 0.9474m),
            (rates[1].HoursExpected, rates[1].HoursReceived, rates[1].TransmissionRate, rates[1].Values, rates[1].ValidValues, rates[1].ValidRate));
        Assert.Equal((24, 0, 0m, (decimal?)null), (rates[2].HoursExpected, rates[2].HoursReceived, rates[2].TransmissionRate, rates[2].ValidRate));
    }

    [Fact]
    public void Of_PerMonth_SumsItsDays_AndAPartialFirstMonthCountsOnlyItsDaysInRange()
    {
        HourlyDayCount[] days = [.. Enumerable.Range(1, 31).Select(d => Day("w21003", d, d == 12 ? 0 : 24, d == 20 ? 0 : 24)), Day("w21003", 1, 0, 0) with { Day = new DateOnly(2024, 4, 1), Received = 12, Valid = 12 }];

        IReadOnlyList<StationRate> rates = StationRates.Of(days, new DateOnly(2024, 3, 16), new DateOnly(2024, 5, 1), PeriodKind.Month, new DateOnly(2024, 6, 1), 0);

        Assert.Equal([(new DateOnly(2024, 3, 16), new DateOnly(2024, 4, 1)), (new DateOnly(2024, 4, 1), new DateOnly(2024, 5, 1))], rates.Select(r => (r.From, r.To)));
        Assert.Equal((16 * 24, 16 * 24, 1m, 16 * 24, 15 * 24), (rates[0].HoursExpected, rates[0].HoursReceived, rates[0].TransmissionRate, rates[0].Values, rates[0].ValidValues));
        Assert.Equal((30 * 24, 12, 0.0167m), (rates[1].HoursExpected, rates[1].HoursReceived, rates[1].TransmissionRate));
    }

    [Fact]
    public void Of_Today_ExpectsOnlyTheHoursOver_AndDaysToComeAreLeftOut()
    {
        HourlyDayCount[] days = [Day("w21003", 10, 9, 9)];

        IReadOnlyList<StationRate> perDay = StationRates.Of(days, new DateOnly(2024, 3, 9), new DateOnly(2024, 3, 20), PeriodKind.Day, new DateOnly(2024, 3, 10), 10);
        IReadOnlyList<StationRate> perMonth = StationRates.Of(days, March1, March1.AddMonths(1), PeriodKind.Month, new DateOnly(2024, 3, 10), 10);

        Assert.Equal([(24, 0), (10, 9)], perDay.Select(r => (r.HoursExpected, r.HoursReceived)));
        Assert.Equal(0.9m, perDay[1].TransmissionRate);
        Assert.Equal((9 * 24 + 10, 9), (Assert.Single(perMonth).HoursExpected, perMonth[0].HoursReceived));
    }

    [Fact]
    public void Of_MoreValuesThanHoursInADay_CountsAtMost24Hours()
    {
        IReadOnlyList<StationRate> rates = StationRates.Of([Day("w21003", 1, 30, 30)], March1, March1.AddDays(1), PeriodKind.Day, new DateOnly(2024, 4, 1), 0);

        Assert.Equal((24, 1m), (rates[0].HoursReceived, rates[0].TransmissionRate));
    }
}
