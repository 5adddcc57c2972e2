using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Tests;

// Pages of readings and of the packet log: what the API's cursors stand on.
public abstract partial class ReadingStoreContractTests
{
    [Fact]
    public async Task Readings_AfterAPositionWithALimit_ContinueInOrder_WithoutGapOrRepeat()
    {
        Reading[] hours = [.. Enumerable.Range(0, 30).SelectMany(h => new[] { Reading("w01001", 7m, start: Hour.AddHours(h)), Reading("w21003", 0.4m, start: Hour.AddHours(h)) })];
        await Store.WriteAsync([new IngestRecord(Packet("p1"), hours)], TestContext.Current.CancellationToken);

        var walked = new List<StoredReading>();
        ReadingPosition? after = null;
        for (int page = 0; page < 10; page++)
        {
            IReadOnlyList<StoredReading> next = await Store.ReadingsAsync(
                new ReadingQuery("M1", null, ReadingKind.Hour, Hour, Hour.AddDays(2)) { After = after, Limit = 7 }, TestContext.Current.CancellationToken);
            walked.AddRange(next);
            if (next.Count < 7)
            {
                break;
            }

            after = new ReadingPosition(next[^1].Reading.Parameter, next[^1].Reading.Kind, next[^1].Reading.PeriodStart);
        }

        Assert.Equal(hours.OrderBy(r => r.Parameter, StringComparer.Ordinal).ThenBy(r => r.PeriodStart), walked.Select(s => s.Reading));
    }

    [Fact]
    public async Task RawPackets_ByVerdictAndReason_AndResumedAlongTheChain_AreEachPacketOnce()
    {
        IngestRecord[] records = [.. Enumerable.Range(0, 12).Select(i => new IngestRecord(
            i % 3 == 0 ? Packet("r" + i, PacketVerdict.Rejected, "CrcMismatch at stream offset 0") : Packet("a" + i), []))];
        await Store.WriteAsync(records, TestContext.Current.CancellationToken);

        var walked = new List<StoredRawPacket>();
        long? before = null, chain = null;
        while (true)
        {
            List<StoredRawPacket> page = [.. await Store.RawPacketsAsync(new RawPacketQuery("M1", 3) { Before = before, ChainFrom = chain }, TestContext.Current.CancellationToken)];
            walked.AddRange(page);
            if (page.Count < 3)
            {
                break;
            }

            before = page[^1].Id;
            chain = page.LastOrDefault(p => p.Previous is not null)?.Previous ?? chain;
        }

        IReadOnlyList<StoredRawPacket> rejected = await Store.RawPacketsAsync(
            new RawPacketQuery("M1", 100) { Verdict = PacketVerdict.Rejected, ReasonPrefix = "CrcMismatch at " }, TestContext.Current.CancellationToken);
        IReadOnlyList<StoredRawPacket> accepted = await Store.RawPacketsAsync(
            new RawPacketQuery("M1", 100) { Verdict = PacketVerdict.Accepted }, TestContext.Current.CancellationToken);
        Assert.Equal(12, walked.Count);
        Assert.Equal(walked.Select(p => p.Id).OrderDescending(), walked.Select(p => p.Id));
        Assert.Equal(4, rejected.Count);
        Assert.Equal(8, accepted.Count);
    }
}
