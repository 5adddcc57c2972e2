using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Compensation;

/// <summary>The terms that decide which data count: completeness, time zone, monitored items, detection limits.</summary>
public sealed class CompensationTermsTests
{
    private static readonly Agreement Lushui = AgreementPresets.Load("lushui-2019");

    private static PeriodAccount Month(Agreement agreement, IEnumerable<Observation> data, int month) =>
        CompensationEngine.Compute(agreement, 2020, CompensationData.Section("jinyushi", data))[month - 1];

    [Fact]
    public void Lushui_MonthWithOneValidDay_IsUndetermined_NotClassed()
    {
        IEnumerable<Observation> data = CompensationData.Year(2020, _ => WaterClass.II).Where(o => o.Time.Month != 6 || o.Time.Day == 15);

        PeriodAccount june = Month(Lushui, data, 6);

        Assert.Equal(AccountStatus.Undetermined, june.Status);
        Assert.Empty(june.Transfers);
        Assert.Equal(AccountStatus.Determined, Month(Lushui, data, 5).Status);
    }

    [Fact]
    public void Account_ShowsValidDaysOfDaysAndValidValuesPerItem()
    {
        IEnumerable<Observation> data = CompensationData.Year(2020, _ => WaterClass.II)
            .Select(o => o.Time.Month == 4 && o.Time.Day <= 3 && o.Item == Gb3838Table1.TotalPhosphorus ? o with { Valid = false } : o);

        SectionEvidence april = Assert.Single(Month(Lushui, data, 4).Evidence);

        ItemCoverage tp = april.Coverage!.Single(c => c.Item == Gb3838Table1.TotalPhosphorus);
        Assert.Equal((27, 30, 27, 30), (tp.ValidValues, tp.Values, tp.ValidDays, tp.Days));
        Assert.Contains("\"coverage\":[", CanonicalJson.Write(json => CanonicalJson.WriteAccount(json, Month(Lushui, data, 4))), StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_StampedInUtcLateOnTheLastDay_BelongsToTheNextMonthInBeijing()
    {
        // 2020-01-31T20:00+00:00 is 1 February 04:00 in Beijing.
        var late = new DateTimeOffset(2020, 1, 31, 20, 0, 0, TimeSpan.Zero);
        IEnumerable<Observation> data =
        [
            .. CompensationData.Year(2020, _ => WaterClass.II),
            new Observation(Gb3838Table1.AmmoniaNitrogen, late, 1.8m, true),
        ];

        PeriodMean january = Month(Lushui, data, 1).Evidence[0].Means.Single(m => m.Item == Gb3838Table1.AmmoniaNitrogen);
        PeriodMean february = Month(Lushui, data, 2).Evidence[0].Means.Single(m => m.Item == Gb3838Table1.AmmoniaNitrogen);

        Assert.Equal(0.4m, january.Mean);
        Assert.NotEqual(0.4m, february.Mean);
    }

    [Fact]
    public void Periods_AreCutInTheAgreementsStatedTimeZone()
    {
        // Under UTC+0 the same reading stays in January.
        Agreement utc = Lushui with { StatedUtcOffset = TimeSpan.Zero };
        var late = new DateTimeOffset(2020, 1, 31, 20, 0, 0, TimeSpan.Zero);
        IEnumerable<Observation> data =
        [
            .. CompensationData.Year(2020, _ => WaterClass.II).Select(o => o with { Time = new DateTimeOffset(o.Time.Date, TimeSpan.Zero) }),
            new Observation(Gb3838Table1.AmmoniaNitrogen, late, 1.8m, true),
        ];

        Assert.NotEqual(0.4m, Month(utc, data, 1).Evidence[0].Means.Single(m => m.Item == Gb3838Table1.AmmoniaNitrogen).Mean);
        Assert.Equal(0.4m, Month(utc, data, 2).Evidence[0].Means.Single(m => m.Item == Gb3838Table1.AmmoniaNitrogen).Mean);
    }

    [Fact]
    public void TotalPhosphorusWithoutValue_LeavesTheMonthUndetermined()
    {
        // The release's "--": TP is monitored at Jinyushi but has no value this month.
        IEnumerable<Observation> data = CompensationData.Year(2020, _ => WaterClass.II).Where(o => !(o.Time.Month == 7 && o.Item == Gb3838Table1.TotalPhosphorus));

        PeriodAccount july = Month(Lushui, data, 7);

        Assert.Equal(AccountStatus.Undetermined, july.Status);
        Assert.Equal(["TP"], july.Evidence[0].Assessment.Missing.Select(i => i.Id));
    }

    [Fact]
    public void TotalPhosphorusNotMonitoredAtTheSection_IsLeftOutOfTheRule()
    {
        // The release's "*": the basin file says the section does not monitor TP.
        Basin basin = BasinFile.Parse(BasinPresets.Text("pingshui-lushui")!
            .Replace("\"id\": \"jinyushi\",", "\"id\": \"jinyushi\", \"monitoredItems\": [\"pH\", \"DO\", \"CODMn\", \"NH3N\"],", StringComparison.Ordinal)).Basin!;
        Agreement agreement = Lushui.WithMonitoring(basin);
        IEnumerable<Observation> data = CompensationData.Year(2020, _ => WaterClass.II).Where(o => o.Item != Gb3838Table1.TotalPhosphorus);

        PeriodAccount july = Month(agreement, data, 7);

        Assert.Equal(AccountStatus.Determined, july.Status);
        Assert.Equal(["TP"], july.Evidence[0].NotMonitored.Select(i => i.Id));
        Assert.Contains("\"notMonitored\":[\"TP\"]", CanonicalJson.Write(json => CanonicalJson.WriteAccount(json, july)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BelowLimitRule.HalfLimit, "0.01")]
    [InlineData(BelowLimitRule.Limit, "0.02")]
    [InlineData(BelowLimitRule.Zero, "0")]
    public void BelowLimitValues_EnterMeansAsTheAgreementSays(BelowLimitRule rule, string expected)
    {
        IEnumerable<Observation> data = CompensationData.Year(2020, _ => WaterClass.II)
            .Select(o => o.Item == Gb3838Table1.TotalPhosphorus ? o with { Value = 0.02m, BelowLimit = true } : o);

        PeriodAccount march = Month(Lushui with { BelowLimit = rule }, data, 3);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), march.Evidence[0].Means.Single(m => m.Item == Gb3838Table1.TotalPhosphorus).Mean);
        Assert.Equal(31, march.Evidence[0].Coverage!.Single(c => c.Item == Gb3838Table1.TotalPhosphorus).BelowLimitValues);
    }

    [Fact]
    public void Statement_OfAPreset_CarriesItsTerms_WithTheUnsourcedDueDateMarkedUnconfirmed()
    {
        Agreement yellow = AgreementPresets.Load("yellow-river-2021");

        Statement statement = Statement.FromAccounts(yellow, 2021, CompensationEngine.Compute(yellow, 2021, CompensationData.Section("liuzhuang", [])));

        Assert.Contains("\"terms\":{\"timeZone\":\"+08:00\",", statement.Json, StringComparison.Ordinal);
        Assert.Contains("\"change\":{\"items\":[\"COD\",\"NH3N\",\"TP\"],\"index\":\"mean-of-ratios\",\"rounding\":\"whole-points-down\",\"perPercentPoint\":1000000,\"cap\":40000000}", statement.Json, StringComparison.Ordinal);
        Assert.Contains("\"unconfirmed\":[\"paymentDue\",", statement.Json, StringComparison.Ordinal);
        Assert.Contains("\"completeness\":{\"minValuesPerDay\":1,\"minDaysPerMonth\":1,", statement.Json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KeyIndexForm.MeanOfRatios, ChangeRounding.WholePointsDown, "3000000")]
    [InlineData(KeyIndexForm.MeanOfRatios, ChangeRounding.WholePointsNearest, "4000000")]
    [InlineData(KeyIndexForm.MeanOfRatios, ChangeRounding.Exact, "3921568.63")]
    [InlineData(KeyIndexForm.MeanOfChanges, ChangeRounding.WholePointsDown, "4000000")]
    public void ChangeComponent_FollowsTheAgreementsIndexFormAndRounding(KeyIndexForm form, ChangeRounding rounding, string expected)
    {
        Agreement yellow = AgreementPresets.Load("yellow-river-2021");
        yellow = yellow with { Amount = (ClassStepRule)yellow.Amount with { StatedChange = new ChangeTerms(form, rounding) } };
        IEnumerable<Observation> data =
        [
            .. Enumerable.Range(1, 12).SelectMany(m => CompensationData.Month(2020, m, WaterClass.III, cod: 18m, tp: 0.15m)),
            .. Enumerable.Range(1, 12).SelectMany(m => CompensationData.Month(2021, m, WaterClass.III, cod: 17m, tp: 0.14m)),
        ];

        PeriodAccount year2021 = CompensationEngine.Compute(yellow, 2021, CompensationData.Section("liuzhuang", data))[0];

        // Ratios: index 0.85 → 0.8167 (−3.92 %). Changes: COD −5.56 %, NH3-N 0 %, TP −6.67 %: mean −4.07 %.
        Transfer change = Assert.Single(year2021.Transfers, t => t.Basis == TransferBasis.IndexChange);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), change.Amount);
    }
}
