using System.Text;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Tests;

// Keys met twice in one batch, times far from now, and the per-station log.
public abstract partial class ReadingStoreContractTests
{
    [Fact]
    public async Task Write_SameKeyThriceInOneBatch_IsWrittenThenUnchangedThenRevised_InTheBatchOrder()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;

        IngestBatchResult result = await Store.WriteAsync([
            new IngestRecord(Packet("p1"), [Reading("w21003", 0.42m), Reading("w21003", 0.42m)]),
            new IngestRecord(Packet("p2"), [Reading("w21003", 0.45m)]),
        ], ct);

        Assert.Equal(new IngestBatchResult(2, 2, 1), result);
        StoredReading current = Assert.Single(await Store.ReadingsAsync(new ReadingQuery("M1", "w21003", ReadingKind.Hour, Hour, Hour.AddHours(1)), ct));
        Assert.Equal((0.45m, 1), (current.Reading.Value, current.Revision));
        Assert.Equal([0.42m], (await Store.RevisionsAsync("M1", "w21003", ReadingKind.Hour, Hour, ct)).Select(r => r.Reading.Value));
        Assert.Equal((await Store.RawPacketsAsync("M1", 1, ct))[0].Id, current.PacketId);
    }

    [Fact]
    public async Task Write_ReadingsYearsFromNow_AreStoredAndReadBack()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        DateTimeOffset[] starts = [new(1999, 12, 31, 23, 0, 0, TimeSpan.FromHours(8)), Hour, new(2090, 7, 1, 0, 0, 0, TimeSpan.FromHours(8))];

        await Store.WriteAsync([new IngestRecord(Packet("p"), [.. starts.Select((s, i) => Reading("w21003", i + 1, start: s))])], ct);

        foreach ((DateTimeOffset start, int i) in starts.Select((s, i) => (s, i)))
        {
            StoredReading stored = Assert.Single(await Store.ReadingsAsync(new ReadingQuery("M1", "w21003", ReadingKind.Hour, start, start.AddHours(1)), ct));
            Assert.Equal((start, i + 1m), (stored.Reading.PeriodStart, stored.Reading.Value));
        }
    }

    [Fact]
    public async Task StationActivity_CountsEachVerdict_AndPointsAtTheNewestKeptPacket()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await Store.WriteAsync([
            new IngestRecord(Packet("a"), []),
            new IngestRecord(Packet("r", PacketVerdict.Rejected, "CrcMismatch"), []),
            new IngestRecord(Packet("b") with { StationId = null, Verdict = PacketVerdict.Control }, []),
        ], ct);
        await Store.WriteAsync([
            new IngestRecord(Packet("q", PacketVerdict.Quarantined, "unknown MN"), []),
            new IngestRecord(Packet("s", PacketVerdict.SplitPart), []),
            new IngestRecord(Packet("t", PacketVerdict.Rejected, "CrcMismatch"), []),
        ], ct);

        IReadOnlyList<StationActivity> activity = await Store.StationActivityAsync(ct);

        long newestKept = (await Store.RawPacketsAsync(new RawPacketQuery("M1", 10) { Verdict = PacketVerdict.SplitPart }, ct))[0].Id;
        Assert.Equal(["", "M1"], activity.Select(a => a.StationId));
        Assert.Equal((0L, 0L, 0L, 1L), (activity[0].Accepted, activity[0].Rejected, activity[0].Quarantined, activity[0].Other));
        Assert.Equal((newestKept, 1L, 2L, 1L, 1L), (activity[1].LastPacketId, activity[1].Accepted, activity[1].Rejected, activity[1].Quarantined, activity[1].Other));
        Assert.Equal(["s", "a"], (await Store.RawPacketsAsync(new RawPacketQuery("M1", 10) { Verdict = null }, ct))
            .Where(p => p.Previous is not null).Select(p => Encoding.ASCII.GetString(p.Packet.Bytes)));
    }
}
