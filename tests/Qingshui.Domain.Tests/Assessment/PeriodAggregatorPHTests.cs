using CsCheck;
using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Tests.Assessment;

public sealed class PeriodAggregatorPHTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Fact]
    public void MonthlyAndAnnual_PH_IsTheStandardArithmeticOfEachValue_ToTheBit()
    {
        // Against the rule computed plainly (10^−pH per value by Math.Pow, each day's mean H⁺, each month's pH by the
        // decimal conversion rounded to twelve decimals, each year's from its months' pH): series of 1 to 24 values a day
        // (six the most), one scale or mixed, invalid values, negative values and pH beyond the table (none, among the
        // invalid values only, or anywhere), a start within a month and an end within a day.
        Gen.Select(Gen.OneOf(Gen.Const(6), Gen.Int[1, 24]), Gen.Int[0, 4], Gen.Bool, Gen.Int[0, 3], Gen.Int[1, 800], Gen.Int[0, 2], Gen.Int[0, int.MaxValue])
            .Sample((perDay, scale, mixed, minValues, days, odd, seed) =>
            {
                var random = new Random(seed);
                var first = new DateOnly(2023, 1, 1).AddDays(random.Next(0, 365));
                int count = (days * perDay) - random.Next(0, perDay);
                bool[] valid = Enumerable.Range(0, count).Select(_ => random.Next(100) >= 3).ToArray();
                decimal[] values = valid.Select(v => PHValue(random, mixed ? random.Next(0, 5) : scale, odd == 2 || (odd == 1 && !v))).ToArray();
                var rules = new CompletenessRules(MinValuesPerDay: minValues, MinDaysPerMonth: random.Next(0, 3), MinMonthsPerYear: random.Next(0, 13));

                (IReadOnlyList<PeriodMean> months, IReadOnlyList<PeriodMean> years) =
                    PeriodAggregator.MonthlyAndAnnual(Gb3838Table1.PH, first, perDay, values, valid, rules);
                (List<Expected> expectedMonths, List<Expected> expectedYears) = Plain(first, perDay, values, valid, rules);

                AssertSame(expectedMonths, months);
                AssertSame(expectedYears, years);
                Observation[] observations = values
                    .Select((v, i) => new Observation(Gb3838Table1.PH, new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), Beijing)
                        .AddDays(i / perDay).AddMinutes(i % perDay), v, valid[i]))
                    .ToArray();
                AssertSame(expectedMonths, PeriodAggregator.Aggregate(observations, PeriodKind.Month, rules));
                AssertSame(expectedYears, PeriodAggregator.Aggregate(observations, PeriodKind.Year, rules));
            }, iter: 400);
    }

    [Fact]
    public void MonthHydrogen_IsTheSumOfDayMeansInOrder_ToTheBit()
    {
        // The sum a month's pH comes from, before its rounding to twelve decimals hides a last bit: each day's values
        // added in order, each day's mean added in order.
        Gen.Select(Gen.OneOf(Gen.Const(6), Gen.Int[1, 24]), Gen.Int[0, 4], Gen.Int[0, 3], Gen.Int[1, 31], Gen.Int[0, 2], Gen.Int[0, int.MaxValue])
            .Sample((perDay, scale, minValues, days, odd, seed) =>
            {
                var random = new Random(seed);
                int count = (days * perDay) - random.Next(0, perDay);
                bool[] valid = Enumerable.Range(0, count).Select(_ => random.Next(100) >= 3).ToArray();
                decimal[] values = valid.Select(v => PHValue(random, scale, odd == 2 || (odd == 1 && !v))).ToArray();
                double hydrogen = 0;
                int validDays = 0, invalid = 0;
                for (int start = 0; start < count; start += perDay)
                {
                    double sum = 0;
                    int n = 0, end = Math.Min(start + perDay, count);
                    for (int i = start; i < end; i++)
                    {
                        if (valid[i] && values[i] >= 0)
                        {
                            sum += Math.Pow(10, -(double)values[i]);
                            n++;
                        }
                    }

                    invalid += end - start - n;
                    if (n >= Math.Max(1, minValues))
                    {
                        hydrogen += sum / n;
                        validDays++;
                    }
                }

                (double Hydrogen, int ValidDays, int Invalid) month = PeriodAggregator.MonthHydrogen(values, valid, perDay, 0, days, Math.Max(1, minValues));

                Assert.Equal(BitConverter.DoubleToInt64Bits(hydrogen), BitConverter.DoubleToInt64Bits(month.Hydrogen));
                Assert.Equal((validDays, invalid), (month.ValidDays, month.Invalid));
            }, iter: 5_000);
    }

    [Fact]
    public void MonthlyAndAnnual_PHOnTheClassLimits_IsExactlyTheLimit()
    {
        // A year of 6.00 or 9.00 everywhere is a year of exactly 6 or 9: inside the range, Class I, not worse than V.
        var first = new DateOnly(2024, 1, 1);
        foreach (decimal limit in new[] { 6.00m, 9.00m, 6m, 9.000m })
        {
            decimal[] values = Enumerable.Repeat(limit, 366 * 6).ToArray();
            bool[] valid = values.Select((_, i) => i % 97 != 0).ToArray();

            (IReadOnlyList<PeriodMean> months, IReadOnlyList<PeriodMean> years) = PeriodAggregator.MonthlyAndAnnual(Gb3838Table1.PH, first, 6, values, valid);

            Assert.All(months, m => Assert.Equal(limit, m.Mean));
            Assert.Equal(limit, years[0].Mean);
            Assert.Equal(WaterClass.I, Gb3838Table1.PH.Limit.ClassOf(years[0].Mean!.Value));
        }
    }

    private static decimal PHValue(Random random, int scale, bool odd)
    {
        int top = (odd ? random.Next(100) : 100) switch
        {
            < 2 => 20,   // beyond the table of 10^−pH
            < 4 => -1,   // negative: not counted
            _ => 14,
        };
        decimal value = Math.Round((decimal)(random.NextDouble() * Math.Abs(top)), scale);
        return top < 0 ? -value - 0.01m : value;
    }

    private static void AssertSame(List<Expected> expected, IReadOnlyList<PeriodMean> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Start, actual[i].Period.Start);
            Assert.Equal((expected[i].Units, expected[i].Invalid), (actual[i].ValidUnits, actual[i].InvalidValues));
            Assert.Equal(expected[i].Mean is null, actual[i].Mean is null);
            if (expected[i].Mean is decimal x && actual[i].Mean is decimal y)
            {
                Assert.True(decimal.GetBits(x).SequenceEqual(decimal.GetBits(y)), $"{expected[i].Start}: expected {x}, got {y}");
            }
        }
    }

    // The rule as written, value by value.
    private static (List<Expected> Months, List<Expected> Years) Plain(DateOnly first, int perDay, decimal[] values, bool[] valid, CompletenessRules rules)
    {
        var months = new List<Expected>();
        var hydrogen = new Dictionary<DateOnly, (double Sum, int Days, int Invalid)>();
        for (int start = 0, day = 0; start < values.Length; start += perDay, day++)
        {
            DateOnly date = first.AddDays(day), month = new(date.Year, date.Month, 1);
            double sum = 0;
            int n = 0, count = Math.Min(perDay, values.Length - start);
            for (int i = start; i < start + count; i++)
            {
                if (valid[i] && values[i] >= 0)
                {
                    sum += Math.Pow(10, -(double)values[i]);
                    n++;
                }
            }

            (double Sum, int Days, int Invalid) m = hydrogen.GetValueOrDefault(month);
            hydrogen[month] = n >= Math.Max(1, rules.MinValuesPerDay) ? (m.Sum + (sum / n), m.Days + 1, m.Invalid + count - n) : (m.Sum, m.Days, m.Invalid + count - n);
        }

        foreach ((DateOnly month, (double sum, int days, int invalid)) in hydrogen.OrderBy(h => h.Key))
        {
            months.Add(new(month, days >= Math.Max(1, rules.MinDaysPerMonth) ? PH(sum / days) : null, days, invalid));
        }

        List<Expected> years = months
            .GroupBy(m => m.Start.Year)
            .Select(y =>
            {
                decimal[] means = y.Where(m => m.Mean is not null).Select(m => m.Mean!.Value).ToArray();
                double sum = 0;
                foreach (decimal m in means)
                {
                    sum += Math.Pow(10, -(double)m);
                }

                decimal? mean = means.Length >= Math.Max(1, rules.MinMonthsPerYear) ? PH(sum / means.Length) : null;
                return new Expected(new DateOnly(y.Key, 1, 1), mean, means.Length, y.Sum(m => m.Invalid));
            })
            .ToList();
        return (months, years);
    }

    private static decimal PH(double meanHydrogen) => Math.Round((decimal)-Math.Log10(meanHydrogen), 12, MidpointRounding.ToEven);

    private sealed record Expected(DateOnly Start, decimal? Mean, int Units, int Invalid);
}
