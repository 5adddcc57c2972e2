using Qingshui.Domain.Network;
using Qingshui.Storage.Notices;

namespace Qingshui.Storage.Tests;

public abstract class NoticeStoreTests(StoreBackend backend) : BackendStoreTests<INoticeStore>(backend)
{
    private static readonly DateTimeOffset At = new(2024, 3, 5, 10, 0, 0, TimeSpan.FromHours(8));

    internal static NoticeRecord Notice(int number, params string[] organisations) => new(
        0, "alert.raised", $"alert/{number}", new LocalizedText($"预警 {number}", $"Alert {number}"), new LocalizedText("正文", "Body"),
        organisations, At.AddHours(number), At.AddHours(number).AddSeconds(3).ToUniversalTime());

    internal static DeliveryAttempt Failed(int minute) => new(At.AddMinutes(minute).ToUniversalTime(), false, 500, "answered HTTP 500");

    private static DeliveryAttempt Delivered(int minute) => new(At.AddMinutes(minute).ToUniversalTime(), true, 200, null);

    [Fact]
    public async Task Add_ThenFind_GivesBackWhatWasWritten_WithOnePendingDeliveryPerReceiver()
    {
        NoticeRecord stored = await Store.AddNoticeAsync(Notice(1, "jiangxi", "hunan"), ["b", "a"], Ct);

        NoticeEntry found = (await Store.FindNoticeAsync(stored.Id, Ct))!;

        NoticeRecord n = found.Notice;
        Assert.Equal((stored.Id, "alert.raised", "alert/1", stored.Title, stored.Body, stored.At, stored.PostedAt), (n.Id, n.Kind, n.Reference, n.Title, n.Body, n.At, n.PostedAt));
        Assert.Equal(["hunan", "jiangxi"], n.Organisations);
        Assert.Equal(TimeSpan.FromHours(8), n.At.Offset);
        Assert.Equal([("a", DeliveryState.Pending, 0), ("b", DeliveryState.Pending, 0)], found.Deliveries.Select(d => (d.Receiver, d.State, d.Attempts)));
    }

    [Fact]
    public async Task Pending_IsPerReceiverInNoticeOrder_AndLeavesDeliveredAndGivenUpOut()
    {
        NoticeRecord one = await Store.AddNoticeAsync(Notice(1), ["a", "b"], Ct);
        NoticeRecord two = await Store.AddNoticeAsync(Notice(2), ["a"], Ct);
        NoticeRecord three = await Store.AddNoticeAsync(Notice(3), ["a"], Ct);

        await Store.RecordAttemptAsync(one.Id, "a", Failed(1), DeliveryState.Pending, Ct);
        await Store.RecordAttemptAsync(one.Id, "a", Delivered(2), DeliveryState.Delivered, Ct);
        await Store.RecordAttemptAsync(two.Id, "a", Failed(3), DeliveryState.GivenUp, Ct);
        IReadOnlyList<PendingDelivery> a = await Store.PendingDeliveriesAsync("a", 10, Ct);
        IReadOnlyList<PendingDelivery> b = await Store.PendingDeliveriesAsync("b", 10, Ct);

        Assert.Equal([three.Id], a.Select(p => p.Notice.Id));
        Assert.Equal([(one.Id, 0)], b.Select(p => (p.Notice.Id, p.Attempts)));
        NoticeEntry first = (await Store.FindNoticeAsync(one.Id, Ct))!;
        NoticeDelivery toA = first.Deliveries.Single(d => d.Receiver == "a");
        Assert.Equal((DeliveryState.Delivered, 2, Delivered(2).At), (toA.State, toA.Attempts, toA.DeliveredAt));
        Assert.Equal([Failed(1), Delivered(2)], toA.History);
    }

    [Fact]
    public async Task Retry_MakesTheUndeliveredPendingWithAttemptsFromZero_AndLeavesTheDeliveredAlone()
    {
        NoticeRecord one = await Store.AddNoticeAsync(Notice(1), ["a", "b"], Ct);
        await Store.RecordAttemptAsync(one.Id, "a", Failed(1), DeliveryState.GivenUp, Ct);
        await Store.RecordAttemptAsync(one.Id, "b", Delivered(1), DeliveryState.Delivered, Ct);

        IReadOnlyList<string> retried = await Store.RetryNoticeAsync(one.Id, Ct);
        IReadOnlyList<string> again = await Store.RetryNoticeAsync(one.Id, Ct);

        Assert.Equal(["a"], retried);
        Assert.Equal(["a"], again);
        NoticeEntry after = (await Store.FindNoticeAsync(one.Id, Ct))!;
        Assert.Equal([("a", DeliveryState.Pending, 0, 1), ("b", DeliveryState.Delivered, 1, 1)],
            after.Deliveries.Select(d => (d.Receiver, d.State, d.Attempts, d.History.Count)));
        Assert.Empty(await Store.RetryNoticeAsync(999, Ct));
    }

    [Fact]
    public async Task List_ByOrganisation_GivesItsOwnAndEveryonesNotices_NewestFirst_WithTheLastAttempt()
    {
        NoticeRecord hunan = await Store.AddNoticeAsync(Notice(1, "hunan"), ["a"], Ct);
        NoticeRecord jiangxi = await Store.AddNoticeAsync(Notice(2, "jiangxi"), ["a"], Ct);
        NoticeRecord everyone = await Store.AddNoticeAsync(Notice(3), [], Ct);
        await Store.RecordAttemptAsync(hunan.Id, "a", Failed(1), DeliveryState.Pending, Ct);
        await Store.RecordAttemptAsync(hunan.Id, "a", Failed(2), DeliveryState.Pending, Ct);

        IReadOnlyList<NoticeEntry> forHunan = await Store.ListNoticesAsync(new NoticeQuery(10, "hunan"), Ct);
        IReadOnlyList<NoticeEntry> all = await Store.ListNoticesAsync(new NoticeQuery(10), Ct);
        IReadOnlyList<NoticeEntry> undelivered = await Store.ListNoticesAsync(new NoticeQuery(10, Undelivered: true), Ct);
        IReadOnlyList<NoticeEntry> page = await Store.ListNoticesAsync(new NoticeQuery(1, Before: everyone.Id), Ct);

        Assert.Equal([everyone.Id, hunan.Id], forHunan.Select(n => n.Notice.Id));
        Assert.Empty(forHunan[0].Notice.Organisations);
        Assert.Equal([everyone.Id, jiangxi.Id, hunan.Id], all.Select(n => n.Notice.Id));
        Assert.Equal([jiangxi.Id, hunan.Id], undelivered.Select(n => n.Notice.Id));
        Assert.Equal([jiangxi.Id], page.Select(n => n.Notice.Id));
        NoticeDelivery delivery = Assert.Single(forHunan[1].Deliveries);
        Assert.Equal((2, Failed(2)), (delivery.Attempts, delivery.LastAttempt));
        Assert.Empty(delivery.History);
    }
}

public sealed class SqliteNoticeStoreTests() : NoticeStoreTests(StoreBackend.Sqlite);

public sealed class PostgresNoticeStoreTests() : NoticeStoreTests(StoreBackend.Postgres);

/// <summary>What only the SQLite file shows: the same file opened again.</summary>
public sealed class SqliteNoticeFileTests() : FreshStoreTests("qingshui-notices-")
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pending_SurvivesReopeningTheStore()
    {
        NoticeRecord one = await Store.AddNoticeAsync(NoticeStoreTests.Notice(1), ["a"], Ct);
        await Store.RecordAttemptAsync(one.Id, "a", NoticeStoreTests.Failed(1), DeliveryState.Pending, Ct);
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await InitializeAsync();

        Assert.Equal([(one.Id, 1)], (await Store.PendingDeliveriesAsync("a", 10, Ct)).Select(p => (p.Notice.Id, p.Attempts)));
    }
}
