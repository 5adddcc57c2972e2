using Qingshui.Storage.Commands;

namespace Qingshui.Storage.Tests;

public abstract class StationCommandStoreTests(StoreBackend backend) : BackendStoreTests<IStationCommandStore>(backend)
{
    private const string Mn = "430281A00000000000000301";
    private static readonly DateTimeOffset Sent = new(2024, 6, 1, 1, 0, 0, TimeSpan.Zero);

    private static StationCommandEntry Command(string qn, string station = Mn) =>
        new(0, station, qn, "1062", "RtdInterval=60", "incident/4", Sent, "Sent", null, null, []);

    [Fact]
    public async Task Commands_AnswersRecordedAtTheEnd_AreReadBackInOrder_NewestCommandFirst()
    {
        StationCommandEntry first = await Store.AddCommandAsync(Command("20240601090000001"), Ct);
        StationCommandEntry second = await Store.AddCommandAsync(Command("20240601090000002"), Ct);
        await Store.AddCommandAsync(Command("20240601090000003", station: "OTHER"), Ct);
        StationAnswerEntry[] answers = [new("9011", "QnRtn=1", Sent.AddSeconds(1)), new("9012", "ExeRtn=1", Sent.AddSeconds(2))];

        await Store.FinishCommandAsync(first.Id, "Done", "QnRtn=1, ExeRtn=1", Sent.AddSeconds(2), answers, Ct);
        IReadOnlyList<StationCommandEntry> listed = await Store.CommandsAsync(Mn, 10, null, Ct);

        Assert.Equal([second.Id, first.Id], listed.Select(c => c.Id));
        Assert.Equal(("Sent", (string?)null, 0), (listed[0].State, listed[0].Detail, listed[0].Answers.Count));
        Assert.Equal(("Done", "QnRtn=1, ExeRtn=1", Sent.AddSeconds(2)), (listed[1].State, listed[1].Detail, listed[1].AnsweredAt));
        Assert.Equal(answers, listed[1].Answers);
        Assert.Equal([first.Id], (await Store.CommandsAsync(Mn, 10, second.Id, Ct)).Select(c => c.Id));
    }

    [Fact]
    public async Task Holds_SecondTightenOfAReference_KeepsTheFirstPreviousInterval_AndAReleasedOneMayOpenAgain()
    {
        await Store.PutHoldAsync(new IntervalHold(Mn, "incident/4", 600, "station", 60, Sent), Ct);
        await Store.PutHoldAsync(new IntervalHold(Mn, "incident/4", 60, "station", 30, Sent.AddMinutes(5)), Ct);
        await Store.PutHoldAsync(new IntervalHold(Mn, "incident/5", 600, "held", 120, Sent.AddMinutes(6)), Ct);

        IReadOnlyList<IntervalHold> open = await Store.OpenHoldsAsync(Mn, Ct);
        bool released = await Store.ReleaseHoldAsync(Mn, "incident/4", Sent.AddHours(1), Ct);
        bool again = await Store.ReleaseHoldAsync(Mn, "incident/4", Sent.AddHours(2), Ct);
        await Store.PutHoldAsync(new IntervalHold(Mn, "incident/4", 300, "default", 30, Sent.AddHours(3)), Ct);

        Assert.Equal([("incident/4", 600, "station", 30), ("incident/5", 600, "held", 120)],
            open.Select(h => (h.Reference, h.PreviousSeconds, h.PreviousSource, h.Seconds)));
        Assert.Equal((true, false), (released, again));
        Assert.Equal([("incident/5", 600), ("incident/4", 300)], (await Store.OpenHoldsAsync(Mn, Ct)).Select(h => (h.Reference, h.PreviousSeconds)));
    }

    [Fact]
    public async Task RestoresOwed_AreTheOpenHoldsAskedToRestore_AndTighteningAgainForgetsTheAsk()
    {
        await Store.PutHoldAsync(new IntervalHold(Mn, "incident/4", 600, "station", 60, Sent), Ct);
        await Store.PutHoldAsync(new IntervalHold("OTHER", "incident/4", 600, "station", 60, Sent), Ct);
        await Store.PutHoldAsync(new IntervalHold(Mn, "incident/5", 600, "held", 60, Sent), Ct);

        await Store.AskRestoreAsync(Mn, "incident/4", Sent.AddHours(1), Ct);
        await Store.AskRestoreAsync(Mn, "incident/4", Sent.AddHours(2), Ct);
        await Store.AskRestoreAsync("OTHER", "incident/4", Sent.AddHours(1), Ct);
        IReadOnlyList<IntervalHold> owed = await Store.RestoresOwedAsync(Ct);
        await Store.PutHoldAsync(new IntervalHold("OTHER", "incident/4", 60, "station", 30, Sent.AddHours(3)), Ct);
        await Store.ReleaseHoldAsync(Mn, "incident/4", Sent.AddHours(4), Ct);

        Assert.Equal([(Mn, "incident/4", (DateTimeOffset?)Sent.AddHours(1)), ("OTHER", "incident/4", Sent.AddHours(1))],
            owed.Select(h => (h.Station, h.Reference, h.RestoreAskedAt)));
        Assert.Empty(await Store.RestoresOwedAsync(Ct));
    }
}

public sealed class SqliteStationCommandStoreTests() : StationCommandStoreTests(StoreBackend.Sqlite);

public sealed class PostgresStationCommandStoreTests() : StationCommandStoreTests(StoreBackend.Postgres);
