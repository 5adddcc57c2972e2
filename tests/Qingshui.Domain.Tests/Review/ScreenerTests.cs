using Qingshui.Domain.Parameters;
using Qingshui.Domain.Quality;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;

namespace Qingshui.Domain.Tests.Review;

public sealed class ScreenerTests
{
    private const string Station = "360300A00000000000000201";
    private const string Ammonia = "w21003";
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static Reading Hourly(int hour, decimal value, string? flag = "N", string parameter = Ammonia, ReadingKind kind = ReadingKind.Hour) =>
        new(Station, parameter, kind, Start.AddHours(hour), value, ParameterCatalogue.Find(parameter)!.DefaultUnit, flag, true);

    private static Screener With(ParameterScreening settings, string parameter = Ammonia) =>
        new(new ScreeningRules(new Dictionary<string, ScreeningVerdict> { ["N"] = ScreeningVerdict.Valid }, ScreeningVerdict.Invalid,
            ScreeningVerdict.Valid, [ReadingKind.Hour], [(parameter, null, settings)]));

    private static Reading[] Series(Screener screener, params decimal[] values) =>
        [.. values.Select((v, i) => screener.Screen(Hourly(i, v)))];

    [Theory]
    [InlineData(0, true, null)]
    [InlineData(5.0, true, null)]
    [InlineData(5.001, false, ScreeningRuleIds.Range)]
    [InlineData(-0.001, false, ScreeningRuleIds.Impossible)]
    public void Range_AtAndJustOutsideItsBounds_InvalidOnlyOutside(decimal value, bool valid, string? rule)
    {
        Screener screener = With(new ParameterScreening { Range = new RangeLimit(0m, 5m, ScreeningVerdict.Invalid) });

        Reading screened = screener.Screen(Hourly(0, value));

        Assert.Equal((valid, rule), (screened.Valid, screened.ScreenRule));
        Assert.Equal(value, screened.Value);
    }

    [Fact]
    public void Range_SuspectVerdict_StaysValidWithItsRule()
    {
        Screener screener = With(new ParameterScreening { Range = new RangeLimit(null, 5m, ScreeningVerdict.Suspect) });

        Reading screened = screener.Screen(Hourly(0, 6m));

        Assert.Equal((true, ScreeningRuleIds.Range), (screened.Valid, screened.ScreenRule));
    }

    [Theory]
    [InlineData(0.025, null)]
    [InlineData(0.024, ScreeningRuleIds.DetectionLimit)]
    public void DetectionLimit_JustBelow_MarkedAndStoredAsGiven(decimal value, string? rule)
    {
        Screener screener = With(new ParameterScreening { DetectionLimit = new DetectionLimit(0.025m, ScreeningVerdict.Suspect) });

        Reading screened = screener.Screen(Hourly(0, value));

        Assert.Equal((true, rule, value), (screened.Valid, screened.ScreenRule, screened.Value));
    }

    [Theory]
    [InlineData("w01001", 14.0, true)]
    [InlineData("w01001", 14.01, false)]
    [InlineData("w01001", 0, true)]
    [InlineData("w01001", -0.01, false)]
    [InlineData("w01010", 45, true)]
    [InlineData("w01010", 45.1, false)]
    [InlineData("w01010", -5, true)]
    [InlineData("w01010", -5.1, false)]
    [InlineData("w21011", 0.02, true)]
    [InlineData("w21011", -0.001, false)]
    public void Impossible_DefaultRules_PhAndTemperatureBoundsAndNoNegativeConcentration(string parameter, decimal value, bool possible)
    {
        var screener = new Screener(ScreeningFile.Default(DataFlagPolicy.Default));

        Reading screened = screener.Screen(Hourly(0, value, parameter: parameter));

        Assert.Equal(possible, screened.Valid);
        Assert.Equal(possible ? null : ScreeningRuleIds.Impossible, screened.ScreenRule);
        Assert.Equal(!possible, screened.Marks.HasFlag(ReadingMarks.OutOfPhysicalRange));
    }

    [Fact]
    public void Spike_JumpAtThreshold_NotMarked_JustAbove_MarkedBothWays()
    {
        Screener screener = With(new ParameterScreening { Spike = new SpikeLimit(1.0m, ScreeningVerdict.Suspect) });

        // 0.5 → 1.5 is exactly the threshold; 1.5 → 2.501 is just above it (up); back to 1.6; 1.6 → 0.599 just above it (down).
        Reading[] screened = Series(screener, 0.5m, 1.5m, 2.501m, 1.6m, 0.599m, 1.0m);

        Assert.Equal(
            new string?[] { null, null, ScreeningRuleIds.Spike, null, ScreeningRuleIds.Spike, null },
            screened.Select(r => r.ScreenRule).ToArray());
        Assert.All(screened, r => Assert.True(r.Valid));
    }

    [Fact]
    public void Spike_TwoFarValuesInARow_SecondIsANewLevel()
    {
        Screener screener = With(new ParameterScreening { Spike = new SpikeLimit(1.0m, ScreeningVerdict.Invalid) });

        Reading[] screened = Series(screener, 0.5m, 3m, 3.1m, 3.2m);

        Assert.Equal(new[] { true, false, true, true }, screened.Select(r => r.Valid).ToArray());
        Assert.Equal(ScreeningRuleIds.Spike, screened[1].ScreenRule);
    }

    [Fact]
    public void Stuck_CountMinusOneEqualValues_NotMarked_TheCountth_Marked()
    {
        Screener screener = With(new ParameterScreening { Stuck = new StuckLimit(4, ScreeningVerdict.Invalid) });

        Reading[] screened = Series(screener, 0.3m, 0.42m, 0.420m, 0.42m, 0.42m, 0.42m, 0.43m);

        Assert.Equal(new[] { true, true, true, true, false, false, true }, screened.Select(r => r.Valid).ToArray());
        Assert.Equal(ScreeningRuleIds.Stuck, screened[4].ScreenRule);
    }

    [Fact]
    public void Flat_RangeJustBelowEpsilonOverTheWindow_Marked_RangeAtEpsilon_NotMarked()
    {
        var flat = new ParameterScreening { Flat = new FlatLimit(4, 0.01m, ScreeningVerdict.Suspect) };

        Reading[] below = Series(With(flat), 0.400m, 0.405m, 0.409m, 0.401m);
        Reading[] at = Series(With(flat), 0.400m, 0.405m, 0.410m, 0.401m);

        Assert.Equal(new string?[] { null, null, null, ScreeningRuleIds.Flat }, below.Select(r => r.ScreenRule).ToArray());
        Assert.All(at, r => Assert.Null(r.ScreenRule));
    }

    [Fact]
    public void Flat_WindowNotYetFull_NotMarked()
    {
        Reading[] screened = Series(With(new ParameterScreening { Flat = new FlatLimit(5, 0.01m, ScreeningVerdict.Suspect) }), 1m, 1m, 1m, 1m);

        Assert.All(screened, r => Assert.Null(r.ScreenRule));
    }

    [Fact]
    public void Sequence_RetransmittedOrOlderHour_JudgedByOtherRulesOnly_AndHistoryUnmoved()
    {
        Screener screener = With(new ParameterScreening { Stuck = new StuckLimit(2, ScreeningVerdict.Invalid) });
        screener.Screen(Hourly(5, 0.42m));

        Reading again = screener.Screen(Hourly(5, 0.42m));
        Reading older = screener.Screen(Hourly(4, 0.42m));
        Reading next = screener.Screen(Hourly(6, 0.42m));

        Assert.Equal((true, true, false), (again.Valid, older.Valid, next.Valid));
    }

    [Fact]
    public void Sequence_InvalidByFlag_NeitherJudgedNorRemembered()
    {
        Screener screener = With(new ParameterScreening { Stuck = new StuckLimit(2, ScreeningVerdict.Invalid) });

        Reading first = screener.Screen(Hourly(0, 0.3m));
        Reading calibrating = screener.Screen(Hourly(1, 0.42m, flag: "C"));
        Reading third = screener.Screen(Hourly(2, 0.42m));

        Assert.Equal((ScreeningRuleIds.Flag, false), (calibrating.ScreenRule, calibrating.Valid));
        Assert.Equal((true, true), (first.Valid, third.Valid));
    }

    [Fact]
    public void Sequence_KindNotWatched_NotJudged()
    {
        Screener screener = With(new ParameterScreening { Stuck = new StuckLimit(2, ScreeningVerdict.Invalid) });

        Reading[] screened = [.. Enumerable.Range(0, 3).Select(i => screener.Screen(Hourly(i, 0.42m, kind: ReadingKind.RealTime)))];

        Assert.All(screened, r => Assert.True(r.Valid));
    }

    [Fact]
    public void Screen_InvalidBeatsSuspect_FirstInvalidRuleKept()
    {
        Screener screener = With(new ParameterScreening
        {
            Range = new RangeLimit(0m, 5m, ScreeningVerdict.Invalid),
            DetectionLimit = new DetectionLimit(0.025m, ScreeningVerdict.Suspect),
        });

        Reading overRangeAndFaulty = screener.Screen(Hourly(0, 7m, flag: "D"));
        Reading belowLimit = screener.Screen(Hourly(1, 0.01m, flag: "N"));

        Assert.Equal(ScreeningRuleIds.Flag, overRangeAndFaulty.ScreenRule);
        Assert.Equal((true, ScreeningRuleIds.DetectionLimit), (belowLimit.Valid, belowLimit.ScreenRule));
    }

    [Fact]
    public void Screen_NothingToMark_ReturnsTheSameReading()
    {
        Screener screener = With(new ParameterScreening { Range = new RangeLimit(0m, 5m, ScreeningVerdict.Invalid) });
        Reading reading = Hourly(0, 1m);

        Assert.Same(reading, screener.Screen(reading));
    }

    [Fact]
    public void Remember_StoredHistory_ContinuesARunAcrossARestart()
    {
        var settings = new ParameterScreening { Stuck = new StuckLimit(3, ScreeningVerdict.Invalid) };
        Screener restarted = With(settings);
        restarted.Remember(Hourly(0, 0.42m));
        restarted.Remember(Hourly(1, 0.42m));

        Reading third = restarted.Screen(Hourly(2, 0.42m));

        Assert.Equal((false, ScreeningRuleIds.Stuck), (third.Valid, third.ScreenRule));
    }

    [Fact]
    public void For_StationEntry_OverridesOnlyWhatItStates()
    {
        var rules = new ScreeningRules(new Dictionary<string, ScreeningVerdict>(), ScreeningVerdict.Invalid, ScreeningVerdict.Valid, [ReadingKind.Hour],
        [
            (Ammonia, null, new ParameterScreening { Range = new RangeLimit(0m, 50m, ScreeningVerdict.Invalid), Spike = new SpikeLimit(2m, ScreeningVerdict.Suspect) }),
            (Ammonia, Station, new ParameterScreening { Range = new RangeLimit(0m, 10m, ScreeningVerdict.Invalid) }),
        ]);

        ParameterScreening own = rules.For(Station, Ammonia);
        ParameterScreening other = rules.For("36030000000101", Ammonia);

        Assert.Equal((10m, 2m), (own.Range!.Max, own.Spike!.Jump));
        Assert.Equal(50m, other.Range!.Max);
    }
}
