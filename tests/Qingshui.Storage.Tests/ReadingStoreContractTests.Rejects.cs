using System.Text;

namespace Qingshui.Storage.Tests;

// Split parts held until their series ends, and rejected packets' retention and drop counts.
public abstract partial class ReadingStoreContractTests
{
    private ISplitPartStore Splits => (ISplitPartStore)Store;

    private IRejectStore Rejects => (IRejectStore)Store;

    [Fact]
    public async Task SplitParts_AreHeldWithTheirPacket_UntilTheirSeriesEnds()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var series = new SplitSeriesKey("MN1", "21", "2061", 3);
        await Store.WriteAsync([
            new IngestRecord(Packet("part 1"), []) { HoldsSplitPart = new SplitPartKey(series, 1) },
            new IngestRecord(Packet("part 2"), []) { HoldsSplitPart = new SplitPartKey(series, 2) },
            new IngestRecord(Packet("other series"), []) { HoldsSplitPart = new SplitPartKey(series with { PacketCount = 2 }, 1) },
        ], ct);

        Assert.Equal(["part 1", "part 2", "other series"], (await Splits.HeldSplitPartsAsync(ct)).Select(p => Encoding.ASCII.GetString(p.Packet.Bytes)));
        await Store.WriteAsync([new IngestRecord(Packet("part 3, completing"), []) { EndsSplitSeries = series }], ct);

        Assert.Equal(["other series"], (await Splits.HeldSplitPartsAsync(ct)).Select(p => Encoding.ASCII.GetString(p.Packet.Bytes)));
    }

    [Fact]
    public async Task DeleteRejectedBefore_DeletesOnlyOldRejects_AndNeverAnAcceptedPacket()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await Store.WriteAsync([
            new IngestRecord(Packet("accepted"), [Reading("w21003", 0.42m)]),
            new IngestRecord(Packet("garbage", PacketVerdict.Rejected, "CrcMismatch"), []),
            new IngestRecord(Packet("stranger", PacketVerdict.Quarantined, "unknown MN"), []),
        ], ct);
        long kept = await Rejects.RejectedBytesAsync(ct);

        RejectedDeletion none = await Rejects.DeleteRejectedBeforeAsync(Hour, 10, ct);
        RejectedDeletion first = await Rejects.DeleteRejectedBeforeAsync(Hour.AddDays(1), 1, ct);
        RejectedDeletion rest = await Rejects.DeleteRejectedBeforeAsync(Hour.AddDays(1), 10, ct);

        Assert.Equal(new RejectedDeletion(0, 0), none);
        Assert.Equal((1, 1), (first.Packets, rest.Packets));
        Assert.Equal(kept, first.Bytes + rest.Bytes);
        Assert.Equal(RejectedSize.Of(Packet("garbage", PacketVerdict.Rejected, "CrcMismatch")) + RejectedSize.Of(Packet("stranger", PacketVerdict.Quarantined, "unknown MN")), kept);
        Assert.Equal(["accepted"], (await Store.RawPacketsAsync(null, 10, ct)).Select(p => Encoding.ASCII.GetString(p.Packet.Bytes)));
        Assert.Equal(["accepted"], (await Store.RawPacketsAsync("M1", 10, ct)).Select(p => Encoding.ASCII.GetString(p.Packet.Bytes)));
        Assert.Equal(0, await Rejects.RejectedBytesAsync(ct));
    }

    [Fact]
    public async Task DropCounts_AddUpPerDayAndScope()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var day = new DateOnly(2026, 11, 30);

        await Rejects.AddDropCountsAsync([new DropCount(day, "total", 2, 900), new DropCount(day, "refused-total", 5, 0)], ct);
        await Rejects.AddDropCountsAsync([new DropCount(day, "total", 1, 100)], ct);

        Assert.Equal([new DropCount(day, "refused-total", 5, 0), new DropCount(day, "total", 3, 1000)], await Rejects.DropCountsAsync(ct));
    }
}
