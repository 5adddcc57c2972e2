using Qingshui.Storage.Joint;

namespace Qingshui.Storage.Tests.Joint;

public abstract class ReceiptStoreTests(StoreBackend backend) : BackendStoreTests<IReceiptStore>(backend)
{
    private static readonly DateTimeOffset Now = new(2024, 3, 1, 9, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Deliver_KeepsTheFirstDelivery_AndOpened_TheFirstOpening()
    {
        await Store.DeliverAsync("meeting", "7", ["hunan", "jiangxi", "hunan"], Now, Ct);
        await Store.DeliverAsync("meeting", "7", ["hunan"], Now.AddHours(1), Ct);

        Assert.True(await Store.OpenedAsync("meeting", "7", "hunan", "hn-operator", Now.AddHours(2), Ct));
        Assert.False(await Store.OpenedAsync("meeting", "7", "hunan", "hn-viewer", Now.AddHours(3), Ct));

        Receipt hunan = (await Store.ReceiptsAsync("meeting", "7", Ct))[0];
        Assert.Equal(new Receipt("meeting", "7", "hunan", Now, Now.AddHours(2), "hn-operator"), hunan);
        Assert.Equal(TimeSpan.FromHours(8), hunan.OpenedAt!.Value.Offset);
    }

    [Fact]
    public async Task Receipts_OpenedWithoutDelivery_AndDeliveredAfterOpening_KeepBoth_ByOrganisationInByteOrder()
    {
        Assert.True(await Store.OpenedAsync("decision", "3", "jiangxi", "jx-viewer", Now, Ct));
        await Store.DeliverAsync("decision", "3", ["jiangxi", "Zhuzhou", "hunan"], Now.AddHours(1), Ct);

        IReadOnlyList<Receipt> receipts = await Store.ReceiptsAsync("decision", "3", Ct);

        Assert.Equal(["Zhuzhou", "hunan", "jiangxi"], receipts.Select(r => r.Organisation));
        Assert.Equal(new Receipt("decision", "3", "jiangxi", Now.AddHours(1), Now, "jx-viewer"), receipts[2]);
        Assert.Equal(new Receipt("decision", "3", "hunan", Now.AddHours(1), null, null), receipts[1]);
        Assert.Empty(await Store.ReceiptsAsync("meeting", "3", Ct));
    }
}

public sealed class SqliteReceiptStoreTests() : ReceiptStoreTests(StoreBackend.Sqlite);

public sealed class PostgresReceiptStoreTests() : ReceiptStoreTests(StoreBackend.Postgres);
