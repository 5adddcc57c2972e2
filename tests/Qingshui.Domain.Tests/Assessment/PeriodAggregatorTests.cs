using CsCheck;
using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Tests.Assessment;

public sealed class PeriodAggregatorTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly StandardItem Nh3 = Gb3838Table1.AmmoniaNitrogen;

    private static Observation At(StandardItem item, int month, int day, int hour, decimal value, bool valid = true) =>
        new(item, new DateTimeOffset(2024, month, day, hour, 0, 0, Beijing), value, valid);

    [Fact]
    public void Month_IsTheMeanOfDailyMeans_OfValidValuesOnly()
    {
        Observation[] observations =
        [
            At(Nh3, 6, 1, 0, 0.2m), At(Nh3, 6, 1, 4, 0.4m), At(Nh3, 6, 1, 8, 9.9m, valid: false),
            At(Nh3, 6, 2, 0, 0.9m),
        ];

        PeriodMean june = Assert.Single(PeriodAggregator.Aggregate(observations, PeriodKind.Month));

        Assert.Equal("2024-06", june.Period.ToString());
        Assert.Equal(0.6m, june.Mean);
        Assert.Equal(2, june.ValidUnits);
        Assert.Equal(1, june.InvalidValues);
    }

    [Fact]
    public void Day_UsesTheStationsLocalDate()
    {
        var late = new Observation(Nh3, new DateTimeOffset(2024, 6, 1, 23, 30, 0, Beijing), 0.5m, true);

        Assert.Equal("2024-06-01", Assert.Single(PeriodAggregator.Aggregate([late], PeriodKind.Day)).Period.ToString());
    }

    [Fact]
    public void TooFewValidValues_IsInsufficientData_NotAClass()
    {
        var rules = new CompletenessRules(MinValuesPerDay: 4, MinDaysPerMonth: 2);
        Observation[] observations = [At(Nh3, 6, 1, 0, 0.2m), At(Nh3, 6, 1, 4, 0.2m), At(Nh3, 6, 1, 8, 0.2m), At(Nh3, 6, 1, 12, 0.2m), At(Nh3, 6, 2, 0, 0.2m)];

        PeriodMean june = Assert.Single(PeriodAggregator.Aggregate(observations, PeriodKind.Month, rules));

        Assert.False(june.IsSufficient);
        Assert.Null(june.Mean);
        Assert.Equal((1, 2), (june.ValidUnits, june.RequiredUnits));
    }

    [Fact]
    public void Year_NeedsEightValidMonthsByDefault()
    {
        Observation[] sevenMonths = Enumerable.Range(1, 7).Select(m => At(Nh3, m, 1, 0, 0.3m)).ToArray();
        Observation[] eightMonths = Enumerable.Range(1, 8).Select(m => At(Nh3, m, 1, 0, 0.3m)).ToArray();

        Assert.False(Assert.Single(PeriodAggregator.Aggregate(sevenMonths, PeriodKind.Year)).IsSufficient);
        Assert.Equal(0.3m, Assert.Single(PeriodAggregator.Aggregate(eightMonths, PeriodKind.Year)).Mean);
        Assert.Equal("2024-Q1", PeriodAggregator.Aggregate(sevenMonths, PeriodKind.Quarter)[0].Period.ToString());
    }

    [Fact]
    public void PH_IsAveragedThroughHydrogenIonConcentration()
    {
        // shared/data/gb3838/journey_surfacewater_statistics_cases.csv JS-01: 6.5, 7.9, 8.8, 9, 6.78, 8.87 → 7.08.
        decimal[] values = [6.5m, 7.9m, 8.8m, 9m, 6.78m, 8.87m];

        decimal mean = PeriodAggregator.Mean(Gb3838Table1.PH, values);

        Assert.Equal(7.08m, Math.Round(mean, 2));
        Assert.NotEqual(7.98m, Math.Round(mean, 2));
    }

    [Fact]
    public void Means_DoNotDependOnTheOrderOfObservations()
    {
        Gen.Select(Gen.Int[1, 28], Gen.Int[0, 23], Gen.Decimal[0m, 5m], Gen.Bool).Array[1, 60].Sample(raw =>
        {
            Observation[] observations = raw.Select(r => At(Nh3, 6, r.Item1, r.Item2, Math.Round(r.Item3, 3), r.Item4)).ToArray();
            IReadOnlyList<PeriodMean> forward = PeriodAggregator.Aggregate(observations, PeriodKind.Month);
            IReadOnlyList<PeriodMean> backward = PeriodAggregator.Aggregate(observations.Reverse(), PeriodKind.Month);
            Assert.Equal(forward, backward);
        }, iter: 500);
    }

    [Fact]
    public void MonthlyAndAnnual_OfARegularSeries_EqualsTheGeneralAggregation()
    {
        // A year of four-hourly values with some invalid ones.
        var first = new DateOnly(2024, 1, 1);
        int count = 366 * 6;
        decimal[] values = Enumerable.Range(0, count).Select(i => 0.2m + ((i * 37 % 101) / 100m)).ToArray();
        bool[] valid = Enumerable.Range(0, count).Select(i => i % 17 != 0).ToArray();
        Observation[] observations = Enumerable.Range(0, count)
            .Select(i => new Observation(Nh3, new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), Beijing).AddHours(4 * i), values[i], valid[i]))
            .ToArray();

        (IReadOnlyList<PeriodMean> months, IReadOnlyList<PeriodMean> years) = PeriodAggregator.MonthlyAndAnnual(Nh3, first, 6, values, valid);

        Assert.Equal(PeriodAggregator.Aggregate(observations, PeriodKind.Month), months);
        Assert.Equal(PeriodAggregator.Aggregate(observations, PeriodKind.Year), years);
        Assert.Equal(12, months.Count);
    }

    [Fact]
    public void Month_OfUnevenDays_IsTheExactMeanOfDayMeans_RoundedOnce()
    {
        // Day means 0.4/3, 0.3/1 and 1.4/7: their exact mean is (0.4·7 + 0.3·21 + 1.4·3) / (21·3) = 13.3 / 63.
        Observation[] observations =
        [
            At(Nh3, 6, 1, 0, 0.1m), At(Nh3, 6, 1, 4, 0.1m), At(Nh3, 6, 1, 8, 0.2m),
            At(Nh3, 6, 2, 0, 0.3m),
            .. new[] { 0.1m, 0.2m, 0.2m, 0.2m, 0.2m, 0.2m, 0.3m }.Select((v, i) => At(Nh3, 6, 3, i, v)),
        ];

        PeriodMean june = Assert.Single(PeriodAggregator.Aggregate(observations, PeriodKind.Month));

        Assert.Equal(13.3m / 63m, june.Mean);
    }

    [Fact]
    public void MonthlyAndAnnual_AnyScalesCountsAndItems_EqualsTheGeneralAggregation()
    {
        // Values with 0 to 8 decimals (beyond 6 the series takes the decimal path), some negative or invalid, 1 to 24
        // values a day, for NH3-N (integer path) and pH (through H⁺, with the 10^−pH table for up to 3 decimals).
        var first = new DateOnly(2023, 11, 20);
        Gen.Select(Gen.Int[1, 24], Gen.Int[0, 8], Gen.Bool, Gen.Select(Gen.Decimal[-0.5m, 14m], Gen.Int[0, 8], Gen.Int[0, 9]).Array[1, 600])
            .Sample((perDay, maxScale, pH, raw) =>
            {
                StandardItem item = pH ? Gb3838Table1.PH : Nh3;
                decimal[] values = raw.Select(r => Math.Round(r.Item1, Math.Min(r.Item2, maxScale))).ToArray();
                bool[] valid = raw.Select(r => r.Item3 != 0).ToArray();
                Observation[] observations = values
                    .Select((v, i) => new Observation(item, new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), Beijing)
                        .AddDays(i / perDay).AddMinutes(i % perDay), v, valid[i]))
                    .ToArray();
                var rules = new CompletenessRules(MinValuesPerDay: perDay > 2 ? 2 : 1, MinDaysPerMonth: 3);

                (IReadOnlyList<PeriodMean> months, IReadOnlyList<PeriodMean> years) =
                    PeriodAggregator.MonthlyAndAnnual(item, first, perDay, values, valid, rules);

                Assert.Equal(PeriodAggregator.Aggregate(observations, PeriodKind.Month, rules), months);
                Assert.Equal(PeriodAggregator.Aggregate(observations, PeriodKind.Year, rules), years);
            }, iter: 300);
    }

    [Fact]
    public void PHMonth_IsTheMeanOfItsDaysMeanHydrogenIon_NotOfRoundedDayPHs()
    {
        // Each day's mean H⁺ goes into the month as it is: no day pH rounded to twelve decimals and turned back into H⁺.
        var first = new DateOnly(2024, 6, 1);
        Gen.Select(Gen.Int[1, 6], Gen.Decimal[6m, 9m].Array[30 * 6]).Sample((perDay, raw) =>
        {
            decimal[] values = raw.Take(30 * perDay).Select(v => Math.Round(v, 2)).ToArray();
            bool[] valid = values.Select(_ => true).ToArray();
            double hydrogen = 0;
            for (int d = 0; d < 30; d++)
            {
                hydrogen += values.Skip(d * perDay).Take(perDay).Sum(v => Math.Pow(10, -(double)v)) / perDay;
            }

            decimal expected = Math.Round((decimal)-Math.Log10(hydrogen / 30), 12, MidpointRounding.ToEven);
            Observation[] observations = values
                .Select((v, i) => new Observation(Gb3838Table1.PH, new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), Beijing).AddDays(i / perDay).AddMinutes(i % perDay), v, true))
                .ToArray();

            Assert.Equal(expected, PeriodAggregator.MonthlyAndAnnual(Gb3838Table1.PH, first, perDay, values, valid).Months[0].Mean);
            Assert.Equal(expected, Assert.Single(PeriodAggregator.Aggregate(observations, PeriodKind.Month)).Mean);
        }, iter: 200);
    }

    [Fact]
    public void MonthlyAndAnnual_OneScaleSeries_WithGapsAndACutShortDay_EqualsTheGeneralAggregation()
    {
        // Every valid value written with one scale (the whole-month sum), invalid values on some days, days short of the
        // required values, and a series that ends within a day and a month.
        var first = new DateOnly(2024, 1, 17);
        Gen.Select(Gen.Int[1, 24], Gen.Int[0, 6], Gen.Int[0, 3], Gen.Select(Gen.Long[0, 9_999_999], Gen.Int[0, 9]).Array[1, 1500])
            .Sample((perDay, scale, minValues, raw) =>
            {
                bool[] valid = raw.Select(r => r.Item2 != 0).ToArray();

                // Some invalid values written otherwise (negative): the month is then summed over the valid ones only.
                decimal[] values = raw
                    .Select(r => new decimal((int)(r.Item1 % 50_000_000), 0, 0, r.Item2 == 0 && r.Item1 % 3 == 0, (byte)scale))
                    .ToArray();
                Observation[] observations = values
                    .Select((v, i) => new Observation(Nh3, new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), Beijing)
                        .AddDays(i / perDay).AddMinutes(i % perDay), v, valid[i]))
                    .ToArray();
                var rules = new CompletenessRules(MinValuesPerDay: minValues, MinDaysPerMonth: 2);

                (IReadOnlyList<PeriodMean> months, IReadOnlyList<PeriodMean> years) =
                    PeriodAggregator.MonthlyAndAnnual(Nh3, first, perDay, values, valid, rules);

                Assert.Equal(PeriodAggregator.Aggregate(observations, PeriodKind.Month, rules), months);
                Assert.Equal(PeriodAggregator.Aggregate(observations, PeriodKind.Year, rules), years);
            }, iter: 400);
    }
}
