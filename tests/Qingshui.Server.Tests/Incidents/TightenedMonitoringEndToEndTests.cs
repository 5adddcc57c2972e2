using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Readings;
using Qingshui.Hj212;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Api;
using Qingshui.Simulation;
using static Qingshui.Server.Tests.Incidents.IncidentBench;

namespace Qingshui.Server.Tests.Incidents;

/// <summary>
/// Over real TCP, end to end: a simulated logger's pulse opens an incident; tightened monitoring sends it HJ 212 1062,
/// it answers 9011/9012 and uploads faster; closing the incident sets its interval back.
/// </summary>
public sealed class TightenedMonitoringEndToEndTests
{
    private const string Headwater = "36030000000101";

    // Station time runs 150 times faster: 300 s of station time in 2 s, a 30 s interval every 0.2 s.
    private const double TimeScale = 150;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PulseOpensAnIncident_Tightening1062IsAnsweredAndApplied_ClosingRestoresTheInterval()
    {
        AlertRule[] realTime = [new("nh3n-over-target", AlertKind.TargetExceeded, AlertSeverity.Critical)
        {
            Parameters = ["w21003"], ReadingKind = ReadingKind.RealTime, ClearAfter = TimeSpan.FromHours(6),
        }];
        await using TestHost host = await StartAsync(o => o with { AlertRules = realTime, CommandTimeout = TimeSpan.FromSeconds(10) });
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "office-coordinator");
        DateTimeOffset start = DateTimeOffset.UtcNow.ToOffset(Hj212Time.ChinaStandardOffset).AddDays(-1);
        SimulatedStation station = SyntheticBasin.StationsOf(Basin).Single(s => s.DeviceId == Headwater);
        station = station with { Profile = station.Profile with { Pulse = new PollutionPulse(start.AddMinutes(20), TimeSpan.FromHours(12), 3) } };
        var uploads = new ConcurrentQueue<DateTimeOffset>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        Task<SimulationReport> run = Simulator.RunAsync(new SimulationOptions
        {
            Host = "127.0.0.1", Port = host.Port, Command = CommandCode.RealTimeData, Interval = TimeSpan.FromSeconds(300), Rate = TimeScale / 300,
            TimeScale = TimeScale, Start = start, Stations = [station],
        }, packet => uploads.Enqueue(packet.DataTime), stop.Token);

        // Given the incident the pulse opened, acknowledged by the joint office
        long id = (await IncidentsWithinAsync(coordinator, "", 1, TimeSpan.FromSeconds(60)))[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await coordinator.StepAsync(id, "acknowledge")).StatusCode);

        // When monitoring is tightened to 30 s, and later the incident closes
        HttpResponseMessage tightened = await coordinator.ActAsync(id, "tightened-monitoring", "every 30 s until the source is found", 30);
        int before = uploads.Count;
        await WaitForAsync(() => uploads.Count >= before + 6);
        DateTimeOffset[] fast = [.. uploads.Skip(before + 1).Take(5)];
        HttpResponseMessage closed = await coordinator.StepAsync(id, "close", "source stopped");
        int afterClose = uploads.Count;
        await WaitForAsync(() => uploads.Count >= afterClose + 3);
        DateTimeOffset[] slow = [.. uploads.Skip(afterClose + 1).Take(2)];
        await stop.CancelAsync();
        await run;

        // Then the station answered both commands, uploaded every 30 s while tightened and every 300 s again after
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (tightened.StatusCode, closed.StatusCode));
        JsonElement action = (await coordinator.GetJsonAsync($"/api/v1/incidents/{id}")).GetProperty("actions")[0];
        Assert.Equal([("tighten", Headwater, "done"), ("restore", Headwater, "done")], action.GetProperty("commands").EnumerateArray()
            .Select(c => (c.GetProperty("purpose").GetString(), c.GetProperty("station").GetString(), c.GetProperty("state").GetString())));
        Assert.All(fast.Zip(fast.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(30), pair.Second - pair.First));
        Assert.Equal(TimeSpan.FromSeconds(300), slow[1] - slow[0]);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the station's uploads did not come");
            await Task.Delay(20, Ct);
        }
    }
}
