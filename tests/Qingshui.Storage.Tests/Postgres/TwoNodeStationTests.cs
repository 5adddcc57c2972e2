using Qingshui.Domain.Alerts;
using Qingshui.Domain.Network;
using Qingshui.Storage.Commands;

namespace Qingshui.Storage.Tests.Postgres;

public sealed class TwoNodeStationTests : TwoNodeTests
{
    private static readonly DateTimeOffset Sent = new(2024, 6, 1, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Seed_SameRegisterOnTwoNodesAtOnce_AddsEachStationOnce_InTheFilesOrder()
    {
        IReadOnlyList<Station> stations = StationStoreTests.Preset.Stations;

        (IReadOnlyList<Station> a, IReadOnlyList<Station> b) = await AtOnceAsync(() => A.SeedStationsAsync(stations, Ct), () => B.SeedStationsAsync(stations, Ct));

        Assert.Equal(stations.Select(s => s.DeviceId).Order(), a.Concat(b).Select(s => s.DeviceId).Order());
        Assert.Equal(stations.Select(s => s.DeviceId), (await B.StationsAsync(Ct)).Select(s => s.DeviceId));
    }

    [Fact]
    public async Task UpdateStation_OnTwoNodesAtOnce_EachChangeStartsFromTheLast()
    {
        await A.AddStationAsync(StationStoreTests.Lakeside, Ct);
        string mn = StationStoreTests.Lakeside.DeviceId;

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() =>
            (i % 2 == 0 ? A : B).UpdateStationAsync(mn, s => s with { Parameters = [.. s.Parameters, $"x{i:00}"] }, Ct), Ct)));

        Station stored = Assert.Single(await A.StationsAsync(Ct));
        Assert.Equal(2 + 30, stored.Parameters.Count);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"x{i:00}"), stored.Parameters.Skip(2).Order());
    }

    [Fact]
    public async Task RaiseAndClear_SameAlertOnTwoNodesAtOnce_StoresOneOpenAlert_AndClearsItOnce()
    {
        for (int round = 0; round < Rounds; round++)
        {
            Alert alert = AlertStoreTests.Raised("A", hour: round);

            (bool a, bool b) = await AtOnceAsync(() => RefusedAsync(() => A.RaiseAsync(alert, Ct)), () => RefusedAsync(() => B.RaiseAsync(alert, Ct)));
            Alert open = Assert.Single(await B.OpenAlertsAsync(Ct));
            (Alert? c, Alert? d) = await AtOnceAsync(
                () => A.ClearAsync(open.Key, alert.RaisedAt.AddMinutes(30), Ct), () => B.ClearAsync(open.Key, alert.RaisedAt.AddMinutes(40), Ct));

            Assert.Equal([false, true], new[] { a, b }.Order());
            Assert.Equal(open.Id, Assert.Single(new[] { c, d }, x => x is not null)!.Id);
        }

        Assert.Equal(Rounds, (await A.ListAsync(new AlertQuery(100, Open: false), Ct)).Count);
    }

    [Fact]
    public async Task PutHold_OnTwoNodesAtOnce_OneOpenHold_KeepingTheFirstPreviousInterval()
    {
        for (int round = 0; round < Rounds; round++)
        {
            string reference = $"incident/{round}";

            await AtOnceAsync(
                () => Done(A.PutHoldAsync(new IntervalHold("MN1", reference, 600, "station", 60, Sent), Ct)),
                () => Done(B.PutHoldAsync(new IntervalHold("MN1", reference, 300, "held", 30, Sent), Ct)));

            IntervalHold hold = Assert.Single(await A.OpenHoldsAsync("MN1", Ct));
            Assert.Contains((hold.PreviousSeconds, hold.PreviousSource), new[] { (600, "station"), (300, "held") });
            Assert.True(await B.ReleaseHoldAsync("MN1", reference, Sent.AddHours(1), Ct));
        }
    }

    [Fact]
    public async Task FinishCommand_AnswersRecordedOnTwoNodesAtOnce_AreAllKept_EachNodesInOrder()
    {
        StationCommandEntry command = await A.AddCommandAsync(new(0, "MN1", "20240601090000001", "1062", "RtdInterval=60", "incident/4", Sent, "Sent", null, null, []), Ct);
        StationAnswerEntry[] fromA = [new("9011", "QnRtn=1;a", Sent.AddSeconds(1)), new("9012", "ExeRtn=1;a", Sent.AddSeconds(2))];
        StationAnswerEntry[] fromB = [new("9011", "QnRtn=1;b", Sent.AddSeconds(3)), new("9012", "ExeRtn=1;b", Sent.AddSeconds(4))];

        await AtOnceAsync(
            () => Done(A.FinishCommandAsync(command.Id, "Done", null, Sent.AddSeconds(2), fromA, Ct)),
            () => Done(B.FinishCommandAsync(command.Id, "Done", null, Sent.AddSeconds(4), fromB, Ct)));

        IReadOnlyList<StationAnswerEntry> answers = Assert.Single(await A.CommandsAsync("MN1", 10, null, Ct)).Answers;
        Assert.Equal(4, answers.Count);
        Assert.Equal(fromA, answers.Where(a => a.Data.EndsWith(";a", StringComparison.Ordinal)));
        Assert.Equal(fromB, answers.Where(a => a.Data.EndsWith(";b", StringComparison.Ordinal)));
    }

    private static async Task<bool> Done(Task write)
    {
        await write;
        return true;
    }
}
