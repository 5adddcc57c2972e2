using Qingshui.Domain.Alerts;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Presets;
using Qingshui.Domain.Readings;

namespace Qingshui.Domain.Tests.Alerts;

public sealed class AlertEvaluatorTests
{
    private const string Jinyushi = "360300A00000000000000201";
    private const string Ammonia = "w21003";
    private static readonly Basin Basin = BasinPresets.Load("pingshui-lushui");
    private static readonly DateTimeOffset Start = new(2024, 6, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static Reading Hourly(int hour, decimal value, string parameter = Ammonia, bool valid = true, string station = Jinyushi) =>
        new(station, parameter, ReadingKind.Hour, Start.AddHours(hour), value, ParameterCatalogue.Find(parameter)!.DefaultUnit, valid ? "N" : "D", valid);

    private static List<AlertSignal> Run(AlertEvaluator evaluator, params Reading[] readings)
    {
        var signals = new List<AlertSignal>();
        foreach (Reading reading in readings)
        {
            evaluator.Observe(reading, reading.PeriodStart, signals);
        }

        return signals;
    }

    private static AlertEvaluator Over(TimeSpan clearAfter) =>
        new(Basin, [new AlertRule("over", AlertKind.TargetExceeded, AlertSeverity.Critical) { Parameters = [Ammonia], ClearAfter = clearAfter }]);

    [Fact]
    public void TargetExceeded_APulseOfManyReadings_RaisesOneAlert_WithTheTriggeringValues()
    {
        List<AlertSignal> signals = Run(Over(TimeSpan.FromHours(3)), Hourly(0, 0.4m), Hourly(1, 1.5m), Hourly(2, 2.1m), Hourly(3, 1.8m), Hourly(4, 0.5m));

        AlertSignal raised = Assert.Single(signals);
        Assert.True(raised.Raised);
        Assert.Equal((Start.AddHours(1), "jinyushi", Ammonia), (raised.Alert.RaisedAt, raised.Alert.Section, raised.Alert.Parameter));
        Assert.Equal([0.4m, 1.5m], raised.Alert.Evidence.Select(v => v.Value));
    }

    [Fact]
    public void TargetExceeded_AtTheClassIIILimitItself_IsNotWorse()
    {
        Assert.Empty(Run(Over(TimeSpan.FromHours(3)), Hourly(0, 1.0m)));
        Assert.Single(Run(Over(TimeSpan.FromHours(3)), Hourly(0, 1.001m)));
    }

    [Fact]
    public void Clearing_WaitsForTheHoldTime_AndADipShorterThanItKeepsTheSameAlert()
    {
        // Bad at 1, good at 2–3 (a dip of two hours), bad again at 4, then good from 5 on
        List<AlertSignal> signals = Run(Over(TimeSpan.FromHours(3)),
            Hourly(1, 1.5m), Hourly(2, 0.5m), Hourly(3, 0.5m), Hourly(4, 1.6m), Hourly(5, 0.5m), Hourly(6, 0.5m), Hourly(7, 0.5m), Hourly(8, 0.5m));

        Assert.Equal([true, false], signals.Select(s => s.Raised));
        Assert.Equal(Start.AddHours(7), signals[1].Alert.ClearedAt);
    }

    [Fact]
    public void Retransmission_OfAnEarlierHour_IsSkipped()
    {
        List<AlertSignal> signals = Run(Over(TimeSpan.FromHours(1)), Hourly(1, 1.5m), Hourly(2, 0.5m), Hourly(3, 0.5m), Hourly(1, 1.5m), Hourly(4, 0.5m));

        Assert.Equal([true, false], signals.Select(s => s.Raised));
    }

    [Fact]
    public void InvalidValues_NeitherRaiseNorClearAValueRule()
    {
        Assert.Empty(Run(Over(TimeSpan.FromHours(1)), Hourly(1, 9m, valid: false), Hourly(2, 9m, valid: false)));
    }

    [Fact]
    public void TargetExceededFor_RaisesOnlyWhenTheRunLastsTheHours_AndAGapBreaksTheRun()
    {
        var evaluator = new AlertEvaluator(Basin, [new AlertRule("for3", AlertKind.TargetExceededFor, AlertSeverity.Critical) { Parameters = [Ammonia], Duration = TimeSpan.FromHours(3) }]);

        // Two bad hours, an hour missing, two bad hours: no run of three; then a third consecutive bad hour
        List<AlertSignal> signals = Run(evaluator, Hourly(0, 1.5m), Hourly(1, 1.5m), Hourly(3, 1.5m), Hourly(4, 1.5m));
        List<AlertSignal> third = Run(evaluator, Hourly(5, 1.5m));

        Assert.Empty(signals);
        Assert.Equal(Start.AddHours(5), Assert.Single(third).Alert.RaisedAt);
    }

    [Fact]
    public void Silence_RaisesOnceWhenLongerThanAllowed_AndClearsWhenDataComeBack()
    {
        var evaluator = new AlertEvaluator(Basin, [new AlertRule("silent", AlertKind.Silence, AlertSeverity.Warning) { Duration = TimeSpan.FromMinutes(90) }]);
        var signals = new List<AlertSignal>();
        evaluator.Observe(Hourly(0, 0.4m), Start, signals);

        evaluator.CheckSilence(Jinyushi, Start.AddMinutes(89), signals);
        int beforeLimit = signals.Count;
        evaluator.CheckSilence(Jinyushi, Start.AddMinutes(95), signals);
        evaluator.CheckSilence(Jinyushi, Start.AddMinutes(200), signals);
        evaluator.Observe(Hourly(4, 0.4m), Start.AddHours(4), signals);

        Assert.Equal(0, beforeLimit);
        Assert.Equal([true, false], signals.Select(s => s.Raised));
        Assert.Equal((Start.AddMinutes(90), (string?)null), (signals[0].Alert.RaisedAt, signals[0].Alert.Parameter));
        Assert.Equal(Start.AddHours(4), signals[1].Alert.ClearedAt);
    }

    [Fact]
    public void Silence_OfAStationNeverHeard_CountsFromWhenWatchingBegan()
    {
        var evaluator = new AlertEvaluator(Basin, [new AlertRule("silent", AlertKind.Silence, AlertSeverity.Warning) { Station = Jinyushi, Duration = TimeSpan.FromMinutes(30) }]);
        var signals = new List<AlertSignal>();

        evaluator.Watch(Start);
        evaluator.CheckSilence(Start.AddMinutes(31), signals);

        Assert.Equal(Jinyushi, Assert.Single(signals).Alert.Station);
    }

    [Fact]
    public void FlatLine_TheSameValueCountTimes_RaisesOnce()
    {
        var evaluator = new AlertEvaluator(Basin, [new AlertRule("flat", AlertKind.FlatLine, AlertSeverity.Info) { Parameters = ["w01009"], Count = 4, ClearAfter = TimeSpan.Zero }]);

        List<AlertSignal> three = Run(evaluator, Hourly(0, 6.5m, "w01009"), Hourly(1, 6.5m, "w01009"), Hourly(2, 6.5m, "w01009"));
        List<AlertSignal> more = Run(evaluator, Hourly(3, 6.5m, "w01009"), Hourly(4, 6.5m, "w01009"), Hourly(5, 6.6m, "w01009"));

        Assert.Empty(three);
        Assert.Equal([true, false], more.Select(s => s.Raised));
        Assert.Equal(Start.AddHours(3), more[0].Alert.RaisedAt);
    }

    [Fact]
    public void InvalidRun_CountInvalidValuesInARow_Raises()
    {
        var evaluator = new AlertEvaluator(Basin, [new AlertRule("invalid", AlertKind.InvalidRun, AlertSeverity.Info) { Count = 3 }]);

        List<AlertSignal> signals = Run(evaluator, Hourly(0, 1m, valid: false), Hourly(1, 1m, valid: false), Hourly(2, 1m), Hourly(3, 1m, valid: false),
            Hourly(4, 1m, valid: false), Hourly(5, 1m, valid: false));

        Assert.Equal(Start.AddHours(5), Assert.Single(signals).Alert.RaisedAt);
    }

    [Fact]
    public void FastRise_FasterThanTheRatePerHour_Raises_ASlowerRiseDoesNot()
    {
        var evaluator = new AlertEvaluator(Basin, [new AlertRule("rise", AlertKind.FastRise, AlertSeverity.Warning) { Parameters = [Ammonia], RatePerHour = 0.5m }]);

        List<AlertSignal> signals = Run(evaluator, Hourly(0, 0.3m), Hourly(1, 0.7m), Hourly(3, 1.6m), Hourly(4, 2.2m));

        Assert.Equal(Start.AddHours(4), Assert.Single(signals).Alert.RaisedAt);
    }

    [Fact]
    public void Scope_ARuleOfAnotherSection_IgnoresThisStation()
    {
        var evaluator = new AlertEvaluator(Basin, [new AlertRule("mouth", AlertKind.TargetExceeded, AlertSeverity.Critical) { Section = "lushui-mouth" }]);

        Assert.Empty(Run(evaluator, Hourly(0, 5m)));
    }

    [Fact]
    public void Restore_AnAlertOpenInTheStore_IsNotRaisedAgain_ButClearsWhenTheConditionIsGone()
    {
        AlertEvaluator evaluator = Over(TimeSpan.FromHours(2));
        evaluator.Restore([new Alert(7, "over", AlertKind.TargetExceeded, AlertSeverity.Critical, "jinyushi", Jinyushi, Ammonia, Start, null,
            [new AlertValue(Start, 1.5m, true)], "earlier")]);

        List<AlertSignal> signals = Run(evaluator, Hourly(1, 1.7m), Hourly(2, 0.5m), Hourly(3, 0.5m));

        AlertSignal cleared = Assert.Single(signals);
        Assert.False(cleared.Raised);
        Assert.Equal(new AlertKey("over", Jinyushi, Ammonia), cleared.Alert.Key);
    }
}
