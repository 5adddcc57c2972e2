using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Hj212;
using Qingshui.Server.Commands;
using Qingshui.Simulation;
using Qingshui.Storage.Commands;

namespace Qingshui.Server.Tests.Commands;

/// <summary>The simulator's logger over real TCP: it answers 1061/1062 and really uploads at the interval it is given.</summary>
public sealed class SimulatedIntervalTests
{
    private const string Mn = ScriptedStation.Mn;

    // 300 s of station time in 2 s of real time (time runs 150 times faster): a 30 s interval is an upload every 0.2 s.
    private const double TimeScale = 150;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tighten_SimulatedStationAnswersAndUploadsFaster_RestoreBringsBackItsInterval()
    {
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { CommandTimeout = TimeSpan.FromSeconds(10) });
        IRealtimeIntervalControl control = host.Server.Services.GetRequiredService<IRealtimeIntervalControl>();
        var uploads = new ConcurrentQueue<(TimeSpan At, DateTimeOffset DataTime)>();
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        Task<SimulationReport> run = Simulator.RunAsync(new SimulationOptions
        {
            Host = "127.0.0.1", Port = host.Port, Command = CommandCode.RealTimeData, Interval = TimeSpan.FromSeconds(300), Rate = TimeScale / 300,
            TimeScale = TimeScale, Start = DateTimeOffset.UtcNow.ToOffset(Hj212Time.ChinaStandardOffset).AddDays(-1),
            Stations = [new SimulatedStation(Mn, ScriptedStation.Password, Hj212Edition.Edition2017, 0, StationProfile.Typical)],
        }, packet => uploads.Enqueue((clock.Elapsed, packet.DataTime)), stop.Token);
        await WaitForAsync(() => uploads.Count >= 2);

        StationCommandOutcome tightened = await control.TightenAsync(Mn, 30, "incident/7", Ct);
        int before = uploads.Count;
        TimeSpan tightenedAt = clock.Elapsed;
        await WaitForAsync(() => uploads.Count >= before + 6);
        TimeSpan sixFast = clock.Elapsed - tightenedAt;
        (TimeSpan, DateTimeOffset)[] fast = [.. uploads.Skip(before + 1).Take(5)];
        StationCommandOutcome restored = await control.RestoreAsync(Mn, "incident/7", Ct);
        int afterRestore = uploads.Count;
        await WaitForAsync(() => uploads.Count >= afterRestore + 3);
        (TimeSpan, DateTimeOffset)[] slow = [.. uploads.Skip(afterRestore + 1).Take(2)];
        await stop.CancelAsync();
        await run;

        Assert.Equal((StationCommandState.Done, StationCommandState.Done), (tightened.State, restored.State));
        Assert.Equal(["1062", "1062", "1061"], (await host.Server.Services.GetRequiredService<IStationCommandStore>().CommandsAsync(Mn, 10, null, Ct))
            .Select(c => c.Command));
        Assert.All(fast.Zip(fast.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(30), pair.Second.Item2 - pair.First.Item2));
        Assert.Equal(TimeSpan.FromSeconds(300), slow[1].Item2 - slow[0].Item2);

        // Six uploads at the old interval would take 12 s; at 30 s of station time each they take about 1.2 s.
        Assert.True(sixFast < TimeSpan.FromSeconds(6), $"six uploads after tightening took {sixFast}");
    }

    [Fact]
    public async Task SetInterval_OutsideTheStandardsBounds_SimulatedStationAnswersConditionError()
    {
        await using TestHost host = await TestHost.StartAsync();
        IRealtimeIntervalControl control = host.Server.Services.GetRequiredService<IRealtimeIntervalControl>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        int acknowledged = 0;
        Task<SimulationReport> run = Simulator.RunAsync(new SimulationOptions
        {
            Host = "127.0.0.1", Port = host.Port, Command = CommandCode.RealTimeData, Interval = TimeSpan.FromSeconds(60), Rate = 5, TimeScale = 300,
            Start = DateTimeOffset.UtcNow.ToOffset(Hj212Time.ChinaStandardOffset).AddDays(-1),
            Stations = [new SimulatedStation(Mn, ScriptedStation.Password, Hj212Edition.Edition2017, 0, StationProfile.Typical)],
        }, _ => Interlocked.Increment(ref acknowledged), stop.Token);
        await WaitForAsync(() => Volatile.Read(ref acknowledged) >= 1);
        StationCommander commander = host.Server.Services.GetRequiredService<StationCommander>();

        // The host itself never builds such a 1062 (the codec refuses it): written by hand, as a faulty platform might.
        CommandRun result = await commander.RunAsync(Mn, "test", (qn, address) => new Hj212Message(qn, address.SystemCode, CommandCode.SetRealtimeInterval,
            address.Password, address.DeviceId, 5, null, null, DataArea.OfFields(new KeyValuePair<string, string>("RtdInterval", "5"))), Ct);
        StationCommandOutcome asked = await control.TightenAsync(Mn, 30, "after", Ct);
        await stop.CancelAsync();
        await run;

        Assert.Equal((StationCommandState.Refused, "QnRtn=1 (Ready), ExeRtn=3 (ConditionError)"), (result.Outcome.State, result.Outcome.Detail));
        Assert.Equal(StationCommandState.Done, asked.State);
        IntervalHold hold = Assert.Single(await host.Server.Services.GetRequiredService<IStationCommandStore>().OpenHoldsAsync(Mn, Ct));
        Assert.Equal((60, "station"), (hold.PreviousSeconds, hold.PreviousSource));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(20, Ct);
        }
    }
}
