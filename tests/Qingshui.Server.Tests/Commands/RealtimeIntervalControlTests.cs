using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Hj212;
using Qingshui.Server.Commands;
using Qingshui.Storage;
using Qingshui.Storage.Commands;

namespace Qingshui.Server.Tests.Commands;

public sealed class RealtimeIntervalControlTests
{
    private const string Mn = ScriptedStation.Mn;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<TestHost> StartAsync(double timeoutSeconds = 10) =>
        TestHost.StartAsync(configure: o => o with { CommandTimeout = TimeSpan.FromSeconds(timeoutSeconds) });

    private static IRealtimeIntervalControl Control(TestHost host) => host.Server.Services.GetRequiredService<IRealtimeIntervalControl>();

    private static IStationCommandStore Log(TestHost host) => host.Server.Services.GetRequiredService<IStationCommandStore>();

    [Fact]
    public async Task Tighten_StationAnswers_Asks1061ThenSets1062_AndRestoreSetsTheReportedIntervalBack()
    {
        await using TestHost host = await StartAsync();
        await using ScriptedStation station = await ScriptedStation.ConnectAsync(host);

        Task<StationCommandOutcome> tighten = Control(host).TightenAsync(Mn, 60, "incident/4", Ct);
        Hj212Message ask = await station.NextCommandAsync();
        await station.AnswerAsync(ask, reportInterval: 600);
        Hj212Message set = await station.NextCommandAsync();
        await station.AnswerAsync(set);
        StationCommandOutcome tightened = await tighten;
        Task<StationCommandOutcome> restore = Control(host).RestoreAsync(Mn, "incident/4", Ct);
        Hj212Message back = await station.NextCommandAsync();
        await station.AnswerAsync(back);
        StationCommandOutcome restored = await restore;

        Assert.Equal((CommandCode.GetRealtimeInterval, "21", "hn0301", 5), (ask.Command, ask.SystemCode, ask.Password, ask.Flag));
        Assert.Equal((CommandCode.SetRealtimeInterval, "60"), (set.Command, set.Data.Field("RtdInterval")));
        Assert.Equal((StationCommandState.Done, set.RequestId), (tightened.State, tightened.RequestId));
        Assert.Equal("QnRtn=1 (Ready), ExeRtn=1 (Success)", tightened.Detail);
        Assert.Equal((CommandCode.SetRealtimeInterval, "600"), (back.Command, back.Data.Field("RtdInterval")));
        Assert.Equal(StationCommandState.Done, restored.State);
        Assert.Empty(await Log(host).OpenHoldsAsync(Mn, Ct));
        IReadOnlyList<StationCommandEntry> logged = await Log(host).CommandsAsync(Mn, 10, null, Ct);
        Assert.Equal([("1062", "RtdInterval=600", "Done"), ("1062", "RtdInterval=60", "Done"), ("1061", "", "Done")],
            logged.Select(c => (c.Command, c.Request, c.State)));
        Assert.Equal([("9011", "QnRtn=1"), ("1061", "RtdInterval=600"), ("9012", "ExeRtn=1")], logged[2].Answers.Select(a => (a.Command, a.Data)));
    }

    [Fact]
    public async Task Answers_AreStoredAsControlPackets_NeverAsRejects()
    {
        await using TestHost host = await StartAsync();
        await using ScriptedStation station = await ScriptedStation.ConnectAsync(host);

        Task<StationCommandOutcome> tighten = Control(host).TightenAsync(Mn, 60, "incident/4", Ct);
        await station.AnswerAsync(await station.NextCommandAsync(), reportInterval: 600);
        await station.AnswerAsync(await station.NextCommandAsync());
        await tighten;
        await station.UploadAsync(); // acknowledged only after everything before it on the connection is stored

        IReadOnlyList<StoredRawPacket> packets = await host.Store.RawPacketsAsync(Mn, 50, Ct);
        Assert.Equal(["9011", "1061", "9012", "9011", "9012"],
            packets.Where(p => p.Packet.Verdict == PacketVerdict.Control).Reverse().Select(p => p.Packet.Command));
        Assert.All(packets, p => Assert.True(p.Packet.Verdict is PacketVerdict.Accepted or PacketVerdict.Control, $"{p.Packet.Verdict}: {p.Packet.Reason}"));
    }

    [Fact]
    public async Task Tighten_StationNotConnected_IsNotConnectedAtOnce_LoggedAndNothingHeld()
    {
        await using TestHost host = await StartAsync(timeoutSeconds: 30);
        var watch = Stopwatch.StartNew();

        StationCommandOutcome outcome = await Control(host).TightenAsync(Mn, 60, "incident/4", Ct);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal((StationCommandState.NotConnected, ""), (outcome.State, outcome.RequestId));
        StationCommandEntry logged = Assert.Single(await Log(host).CommandsAsync(Mn, 10, null, Ct));
        Assert.Equal(("1062", "RtdInterval=60", "NotConnected"), (logged.Command, logged.Request, logged.State));
        Assert.Empty(await Log(host).OpenHoldsAsync(Mn, Ct));
    }

    [Fact]
    public async Task Tighten_StationThatNeverAnswers_TimesOut_AndRemembersTheConfiguredDefault()
    {
        await using TestHost host = await StartAsync(timeoutSeconds: 0.5);
        await using ScriptedStation station = await ScriptedStation.ConnectAsync(host);

        StationCommandOutcome outcome = await Control(host).TightenAsync(Mn, 60, "incident/4", Ct);

        Assert.Equal(StationCommandState.TimedOut, outcome.State);
        Assert.Equal("no answer within 0.5 s", outcome.Detail);
        IntervalHold hold = Assert.Single(await Log(host).OpenHoldsAsync(Mn, Ct));
        Assert.Equal((300, "default", 60), (hold.PreviousSeconds, hold.PreviousSource, hold.Seconds));
        Assert.Equal(["TimedOut", "TimedOut"], (await Log(host).CommandsAsync(Mn, 10, null, Ct)).Select(c => c.State));
    }

    [Fact]
    public async Task Tighten_StationRefuses_IsRefusedWithItsCode_AndNothingIsHeld()
    {
        await using TestHost host = await StartAsync();
        await using ScriptedStation station = await ScriptedStation.ConnectAsync(host);

        Task<StationCommandOutcome> tighten = Control(host).TightenAsync(Mn, 60, "incident/4", Ct);
        await station.AnswerAsync(await station.NextCommandAsync(), reportInterval: 600);
        await station.AnswerAsync(await station.NextCommandAsync(), RequestReturnCode.Rejected, execution: null);
        StationCommandOutcome outcome = await tighten;

        Assert.Equal((StationCommandState.Refused, "QnRtn=2 (Rejected)"), (outcome.State, outcome.Detail));
        Assert.Empty(await Log(host).OpenHoldsAsync(Mn, Ct));
    }

    [Fact]
    public async Task TwoReferences_StationRunsAtTheShortest_AndGoesBackToTheFirstRememberedOnlyWhenBothLetGo()
    {
        await using TestHost host = await StartAsync();
        await using ScriptedStation station = await ScriptedStation.ConnectAsync(host);
        IRealtimeIntervalControl control = Control(host);

        Task<StationCommandOutcome> first = control.TightenAsync(Mn, 60, "incident/4", Ct);
        await station.AnswerAsync(await station.NextCommandAsync(), reportInterval: 900);
        await station.AnswerAsync(await station.NextCommandAsync());
        await first;
        string[] intervals = new string[3];
        Task<StationCommandOutcome> second = control.TightenAsync(Mn, 120, "incident/5", Ct);
        Hj212Message set = await station.NextCommandAsync();
        intervals[0] = set.Data.Field("RtdInterval")!;
        await station.AnswerAsync(set);
        await second;
        Task<StationCommandOutcome> releaseFirst = control.RestoreAsync(Mn, "incident/4", Ct);
        set = await station.NextCommandAsync();
        intervals[1] = set.Data.Field("RtdInterval")!;
        await station.AnswerAsync(set);
        await releaseFirst;
        Task<StationCommandOutcome> releaseSecond = control.RestoreAsync(Mn, "incident/5", Ct);
        set = await station.NextCommandAsync();
        intervals[2] = set.Data.Field("RtdInterval")!;
        await station.AnswerAsync(set);
        await releaseSecond;

        Assert.Equal(["60", "120", "900"], intervals);
        Assert.Empty(await Log(host).OpenHoldsAsync(Mn, Ct));
    }

    [Fact]
    public async Task Restore_WithoutAHold_SendsNothing()
    {
        await using TestHost host = await StartAsync();
        await using ScriptedStation station = await ScriptedStation.ConnectAsync(host);

        StationCommandOutcome outcome = await Control(host).RestoreAsync(Mn, "incident/9", Ct);

        Assert.Equal((StationCommandState.Done, ""), (outcome.State, outcome.RequestId));
        Assert.Contains("nothing to restore", outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(await Log(host).CommandsAsync(Mn, 10, null, Ct));
    }

    [Fact]
    public async Task Commands_GoToTheLatestConnection_AndTheStationIsUnreachableOnceItCloses()
    {
        await using TestHost host = await StartAsync();
        await using ScriptedStation old = await ScriptedStation.ConnectAsync(host);
        StationCommandOutcome viaOld;
        await using (ScriptedStation latest = await ScriptedStation.ConnectAsync(host))
        {
            Task<StationCommandOutcome> tighten = Control(host).TightenAsync(Mn, 60, "incident/4", Ct);
            await latest.AnswerAsync(await latest.NextCommandAsync(), reportInterval: 600);
            await latest.AnswerAsync(await latest.NextCommandAsync());
            viaOld = await tighten;
        }

        StationCommandOutcome afterClose = await WaitForAsync(() => Control(host).RestoreAsync(Mn, "incident/4", Ct), o => o.State == StationCommandState.NotConnected);

        Assert.Equal(StationCommandState.Done, viaOld.State);
        Assert.Equal(StationCommandState.NotConnected, afterClose.State);
        Assert.Single(await Log(host).OpenHoldsAsync(Mn, Ct));
    }

    // The server sees a close a moment after the client: ask again until it has.
    private static async Task<StationCommandOutcome> WaitForAsync(Func<Task<StationCommandOutcome>> act, Func<StationCommandOutcome, bool> done)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        StationCommandOutcome outcome = await act();
        while (!done(outcome) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
            outcome = await act();
        }

        return outcome;
    }

    [Fact]
    public async Task Restore_StationAway_IsOwed_AndSentWhenItConnectsAgain_EvenAfterARestart()
    {
        await using TestHost host = await StartAsync();
        await using (ScriptedStation station = await ScriptedStation.ConnectAsync(host))
        {
            Task<StationCommandOutcome> tighten = Control(host).TightenAsync(Mn, 60, "incident/4", Ct);
            await station.AnswerAsync(await station.NextCommandAsync(), reportInterval: 600);
            await station.AnswerAsync(await station.NextCommandAsync());
            Assert.Equal(StationCommandState.Done, (await tighten).State);
        }

        StationCommandOutcome away = await WaitForAsync(() => Control(host).RestoreAsync(Mn, "incident/4", Ct), o => o.State == StationCommandState.NotConnected);
        await host.RestartAsync();
        await using ScriptedStation back = await ScriptedStation.ConnectAsync(host);
        Hj212Message owed = await back.NextCommandAsync();
        await back.AnswerAsync(owed);

        Assert.Equal(StationCommandState.NotConnected, away.State);
        Assert.Equal((CommandCode.SetRealtimeInterval, "600"), (owed.Command, owed.Data.Field("RtdInterval")));
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await Log(host).OpenHoldsAsync(Mn, Ct)).Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the owed restore did not end the hold");
            await Task.Delay(50, Ct);
        }
    }
}
