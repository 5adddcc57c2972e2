using System.Text;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Tests;

/// <summary>What every backend must do; each backend runs this suite.</summary>
public abstract partial class ReadingStoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Hour = new(2024, 6, 1, 8, 0, 0, TimeSpan.FromHours(8));

    protected IReadingStore Store { get; set; } = null!;

    protected abstract Task<IReadingStore> OpenAsync();

    public async ValueTask InitializeAsync() => Store = await OpenAsync();

    public virtual async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected static RawPacket Packet(string text, PacketVerdict verdict = PacketVerdict.Accepted, string? reason = null) =>
        new(Hour.AddMinutes(61), "127.0.0.1:50000", "M1", "2061", verdict, reason, Encoding.ASCII.GetBytes(text));

    protected static Reading Reading(string parameter, decimal value, string? flag = "N", DateTimeOffset? start = null) =>
        new("M1", parameter, ReadingKind.Hour, start ?? Hour, value, Unit.MilligramPerLitre, flag, flag is null or "N", ReadingMarks.None, value - 0.1m, value + 0.1m);

    [Fact]
    public async Task Write_ThenQuery_ReturnsReadingsWithTheirPacket()
    {
        IngestBatchResult result = await Store.WriteAsync([new IngestRecord(Packet("p1"), [Reading("w21003", 0.42m), Reading("w21011", 0.081m, "D")])], TestContext.Current.CancellationToken);

        Assert.Equal(new IngestBatchResult(1, 2, 0), result);
        IReadOnlyList<StoredReading> stored = await Store.ReadingsAsync(new ReadingQuery("M1", null, null, Hour, Hour.AddHours(1)), TestContext.Current.CancellationToken);
        Assert.Equal(["w21003", "w21011"], stored.Select(s => s.Reading.Parameter));
        Assert.Equal(Reading("w21003", 0.42m), stored[0].Reading);
        Assert.Equal(Reading("w21011", 0.081m, "D"), stored[1].Reading);
        Assert.False(stored[1].Reading.Valid);
        Assert.Equal(TimeSpan.FromHours(8), stored[0].Reading.PeriodStart.Offset);
        IReadOnlyList<StoredRawPacket> packets = await Store.RawPacketsAsync("M1", 10, TestContext.Current.CancellationToken);
        Assert.Equal(Assert.Single(packets).Id, stored[0].PacketId);
    }

    [Fact]
    public async Task Write_SamePacketAgain_DuplicatesNothing()
    {
        IngestRecord record = new(Packet("p1"), [Reading("w21003", 0.42m)]);
        await Store.WriteAsync([record], TestContext.Current.CancellationToken);

        IngestBatchResult again = await Store.WriteAsync([record], TestContext.Current.CancellationToken);

        Assert.Equal(new IngestBatchResult(1, 0, 1), again);
        StoreCounts counts = await Store.CountAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new StoreCounts(1, 0, 2), counts);
    }

    [Fact]
    public async Task Write_ChangedValueForSameKey_KeepsTheOldOneAsARevision()
    {
        await Store.WriteAsync([new IngestRecord(Packet("p1"), [Reading("w21003", 0.42m)])], TestContext.Current.CancellationToken);

        await Store.WriteAsync([new IngestRecord(Packet("p2"), [Reading("w21003", 0.45m)])], TestContext.Current.CancellationToken);
        await Store.WriteAsync([new IngestRecord(Packet("p3"), [Reading("w21003", 0.45m, "M")])], TestContext.Current.CancellationToken);

        StoredReading current = Assert.Single(await Store.ReadingsAsync(new ReadingQuery("M1", "w21003", ReadingKind.Hour, Hour, Hour.AddHours(1)), TestContext.Current.CancellationToken));
        Assert.Equal((0.45m, "M", 2), (current.Reading.Value, current.Reading.Flag, current.Revision));
        IReadOnlyList<StoredReading> revisions = await Store.RevisionsAsync("M1", "w21003", ReadingKind.Hour, Hour, TestContext.Current.CancellationToken);
        Assert.Equal([(0.42m, "N", 0), (0.45m, "N", 1)], revisions.Select(r => (r.Reading.Value, r.Reading.Flag, r.Revision)));
    }

    [Fact]
    public async Task Write_ScreenRule_IsStoredWithTheReading_AndKeptByItsRevision()
    {
        Reading stuck = Reading("w21003", 0.42m) with { Valid = false, ScreenRule = "stuck" };
        await Store.WriteAsync([new IngestRecord(Packet("p1"), [stuck, Reading("w21011", 0.081m) with { ScreenRule = "spike" }])], TestContext.Current.CancellationToken);

        await Store.WriteAsync([new IngestRecord(Packet("p2"), [Reading("w21003", 0.45m) with { ScreenRule = "range" }])], TestContext.Current.CancellationToken);

        IReadOnlyList<StoredReading> stored = await Store.ReadingsAsync(new ReadingQuery("M1", null, null, Hour, Hour.AddHours(1)), TestContext.Current.CancellationToken);
        Assert.Equal([("w21003", "range", true), ("w21011", "spike", true)], stored.Select(s => (s.Reading.Parameter, s.Reading.ScreenRule, s.Reading.Valid)));
        StoredReading before = Assert.Single(await Store.RevisionsAsync("M1", "w21003", ReadingKind.Hour, Hour, TestContext.Current.CancellationToken));
        Assert.Equal(("stuck", false, 0.42m), (before.Reading.ScreenRule, before.Reading.Valid, before.Reading.Value));
    }

    [Fact]
    public async Task Write_RetransmissionScreenedDifferently_IsNoNewRevision_AndKeepsTheFirstVerdict()
    {
        await Store.WriteAsync([new IngestRecord(Packet("p1"), [Reading("w21003", 0.42m) with { Valid = false, ScreenRule = "stuck" }])], TestContext.Current.CancellationToken);

        IngestBatchResult again = await Store.WriteAsync([new IngestRecord(Packet("p2"), [Reading("w21003", 0.42m)])], TestContext.Current.CancellationToken);

        Assert.Equal(1, again.ReadingsUnchanged);
        StoredReading current = Assert.Single(await Store.ReadingsAsync(new ReadingQuery("M1", "w21003", ReadingKind.Hour, Hour, Hour.AddHours(1)), TestContext.Current.CancellationToken));
        Assert.Equal(("stuck", false, 0), (current.Reading.ScreenRule, current.Reading.Valid, current.Revision));
    }

    [Fact]
    public async Task Write_RejectedPacket_IsLoggedWithReasonAndNoReadings()
    {
        await Store.WriteAsync([new IngestRecord(Packet("##0101garbage", PacketVerdict.Rejected, "CrcMismatch at offset 0: given 1C81, computed 1C80"), [])], TestContext.Current.CancellationToken);

        StoredRawPacket packet = Assert.Single(await Store.RawPacketsAsync(null, 10, TestContext.Current.CancellationToken));
        Assert.Equal(PacketVerdict.Rejected, packet.Packet.Verdict);
        Assert.Equal("CrcMismatch at offset 0: given 1C81, computed 1C80", packet.Packet.Reason);
        Assert.Equal("##0101garbage"u8.ToArray(), packet.Packet.Bytes);
        Assert.Equal("127.0.0.1:50000", packet.Packet.Remote);
        Assert.Equal(0, (await Store.CountAsync(TestContext.Current.CancellationToken)).Readings);
    }

    [Fact]
    public async Task RawPackets_AreNewestFirst_AndFilteredByStation()
    {
        await Store.WriteAsync([new IngestRecord(Packet("a"), []), new IngestRecord(Packet("b") with { StationId = "M2" }, []), new IngestRecord(Packet("c"), [])], TestContext.Current.CancellationToken);

        Assert.Equal(["c", "a"], (await Store.RawPacketsAsync("M1", 10, TestContext.Current.CancellationToken)).Select(p => Encoding.ASCII.GetString(p.Packet.Bytes)));
        Assert.Equal(["c", "b"], (await Store.RawPacketsAsync(null, 2, TestContext.Current.CancellationToken)).Select(p => Encoding.ASCII.GetString(p.Packet.Bytes)));
    }

    [Fact]
    public async Task Readings_TimeRangeIsHalfOpen()
    {
        await Store.WriteAsync([new IngestRecord(Packet("p"), [Reading("w21003", 1, start: Hour), Reading("w21003", 2, start: Hour.AddHours(1)), Reading("w21003", 3, start: Hour.AddHours(2))])], TestContext.Current.CancellationToken);

        IReadOnlyList<StoredReading> stored = await Store.ReadingsAsync(new ReadingQuery("M1", "w21003", ReadingKind.Hour, Hour.AddHours(1), Hour.AddHours(2)), TestContext.Current.CancellationToken);

        Assert.Equal(2m, Assert.Single(stored).Reading.Value);
    }

    [Fact]
    public async Task Values_AreTheCurrentReadingsInTheSameOrder()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await Store.WriteAsync([new IngestRecord(Packet("p1"), [Reading("w21011", 0.081m, "D"), Reading("w21003", 0.42m), Reading("w21003", 0.5m, start: Hour.AddHours(1))])], ct);
        await Store.WriteAsync([new IngestRecord(Packet("p2"), [Reading("w21003", 0.45m)])], ct);
        var query = new ReadingQuery("M1", null, null, Hour, Hour.AddHours(2));

        IReadOnlyList<ReadingValue> values = await Store.ValuesAsync(query, ct);

        IReadOnlyList<StoredReading> full = await Store.ReadingsAsync(query, ct);
        Assert.Equal(
            full.Select(r => new ReadingValue(r.Reading.Parameter, r.Reading.Kind, r.Reading.PeriodStart, r.Reading.Value, r.Reading.Unit, r.Reading.Valid)),
            values);
        Assert.Equal([0.45m, 0.5m, 0.081m], values.Select(v => v.Value));
        Assert.Equal([true, true, false], values.Select(v => v.Valid));
    }
}
