using Qingshui.Domain.Alerts;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Presets;
using Qingshui.Domain.Readings;

namespace Qingshui.Simulation.Tests;

/// <summary>The default statistical rule against the simulator's water: diurnal cycles and rain stay quiet; a sudden shift does not.</summary>
public sealed class SurfaceWaterAlertTests
{
    private const int PH = 1, Oxygen = 2;
    private static readonly Basin Basin = BasinPresets.Load("pingshui-lushui");
    private static readonly SurfaceWaterModel Model = new(212);
    private static readonly AlertRule[] Statistical = [.. AlertRuleFile.Default.Where(r => r.Kind == AlertKind.Statistical)];

    private static List<AlertSignal> Replay(DateTimeOffset start, int hours, Func<SimulatedStation, int, decimal[], decimal[]>? alter = null)
    {
        var evaluator = new AlertEvaluator(Basin, Statistical);
        var signals = new List<AlertSignal>();
        foreach (SimulatedStation station in SyntheticBasin.StationsOf(Basin))
        {
            for (int h = 0; h < hours; h++)
            {
                DateTimeOffset time = start.AddHours(h);
                decimal[] values = Model.ValuesAt(station.Index, time, station.Profile);
                values = alter?.Invoke(station, h, values) ?? values;
                foreach (int i in (int[])[PH, Oxygen])
                {
                    string code = SurfaceWaterModel.Codes[i];
                    evaluator.Observe(new Reading(station.DeviceId, code, ReadingKind.Hour, time, values[i], ParameterCatalogue.Find(code)!.DefaultUnit, "N", true), time, signals);
                }
            }
        }

        return signals;
    }

    [Theory]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(11)]
    public void DiurnalDoAndPh_ThirtyDaysAtEveryStation_RaiseNoStatisticalEvent(int month)
    {
        Assert.NotEmpty(Statistical);

        List<AlertSignal> signals = Replay(new DateTimeOffset(2024, month, 1, 0, 0, 0, TimeSpan.FromHours(8)), 30 * 24);

        Assert.Empty(signals);
    }

    [Fact]
    public void StepChange_OfDissolvedOxygenAtOneStation_RaisesOneStatisticalAlertThere()
    {
        const int stepAt = 20 * 24;
        string jinyushi = Basin.Stations.Single(s => s.DeviceId == "360300A00000000000000201").DeviceId;

        List<AlertSignal> signals = Replay(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.FromHours(8)), 30 * 24, (station, hour, values) =>
        {
            if (station.DeviceId == jinyushi && hour >= stepAt)
            {
                values[Oxygen] -= 3m;
            }

            return values;
        });

        AlertSignal raised = Assert.Single(signals, s => s.Raised);
        Assert.Equal((jinyushi, "w01009"), (raised.Alert.Station, raised.Alert.Parameter));
        Assert.InRange(raised.Alert.RaisedAt, new DateTimeOffset(2024, 5, 21, 0, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2024, 5, 21, 6, 0, 0, TimeSpan.FromHours(8)));
    }
}
