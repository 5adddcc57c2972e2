using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Storage.Cluster;

namespace Qingshui.Storage.Tests.Cluster;

public sealed class CommitFeedCodecTests
{
    internal static IngestRecord Record(int station, int hour, int parameters = 9)
    {
        var at = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(8)).AddHours(hour);
        string id = $"4302810000{station:D4}";
        Reading[] readings = [.. Enumerable.Range(0, parameters).Select(p => new Reading(id, $"w0{p:D4}", ReadingKind.Hour, at, 7.125m + p + station,
            Unit.MilligramPerLitre, p == 0 ? "N" : null, p != 3, p == 2 ? ReadingMarks.PartialMessage : ReadingMarks.None, p == 1 ? 0.5m : null, p == 1 ? 9.75m : null)
        {
            ScreenRule = p == 3 ? "stuck" : null,
        })];
        return new IngestRecord(new RawPacket(at.AddMinutes(3), "10.0.0.1:5000", id, "2061", PacketVerdict.Accepted, null, [0x23, 0x23]), readings);
    }

    [Fact]
    public void Decode_AnEncodedBatch_GivesEveryReadingAsItWas_AndTheSplitKeys()
    {
        IngestRecord held = Record(1, 0) with { HoldsSplitPart = new SplitPartKey(new SplitSeriesKey("43028100000001", "21", "2061", 3), 2) };
        IngestRecord ended = Record(2, 1) with { EndsSplitSeries = new SplitSeriesKey("43028100000002", "32", "2051", 4) };

        IReadOnlyList<string> messages = CommitFeedCodec.Encode("node-a", [held, ended], 7_900);
        (string node, IReadOnlyList<IngestRecord> records) = CommitFeedCodec.Decode(Assert.Single(messages));

        Assert.Equal("node-a", node);
        Assert.Equal(2, records.Count);
        Assert.Equal(held.Readings, records[0].Readings);
        Assert.Equal(ended.Readings, records[1].Readings);
        Assert.Equal(held.HoldsSplitPart, records[0].HoldsSplitPart);
        Assert.Equal(ended.EndsSplitSeries, records[1].EndsSplitSeries);
        Assert.Null(records[0].EndsSplitSeries);
        Assert.Equal((held.Packet.ReceivedAt, held.Packet.StationId, held.Packet.Command, held.Packet.Verdict),
            (records[0].Packet.ReceivedAt, records[0].Packet.StationId, records[0].Packet.Command, records[0].Packet.Verdict));
        Assert.Equal("stuck", records[0].Readings[3].ScreenRule);
        Assert.Equal(TimeSpan.FromHours(8), records[0].Readings[0].PeriodStart.Offset);
    }

    [Fact]
    public void Decode_AnAssignmentNote_GivesTheLoggerBack_AndOtherRecordsHaveNone()
    {
        IngestRecord note = new IngestRecord(new RawPacket(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), "api", "430281A00000000000000888", "1002",
            PacketVerdict.Control, "assignment of logger DL-1", []), []) { AssignsLogger = "DL-1" };

        (_, IReadOnlyList<IngestRecord> records) = CommitFeedCodec.Decode(Assert.Single(CommitFeedCodec.Encode("node-a", [note, Record(1, 0)], 7_900)));

        Assert.Equal(("DL-1", "430281A00000000000000888", "1002"), (records[0].AssignsLogger, records[0].Packet.StationId, records[0].Packet.Command));
        Assert.Null(records[1].AssignsLogger);
    }

    [Fact]
    public void Encode_ALargeBatch_IsCutIntoMessagesUnderTheLimit_InOrder()
    {
        IngestRecord[] batch = [.. Enumerable.Range(0, 2_000).Select(i => Record(i, i % 24))];

        IReadOnlyList<string> messages = CommitFeedCodec.Encode("n", batch, 7_900);

        Assert.True(messages.Count > 1);
        Assert.All(messages, m => Assert.True(m.Length <= 7_900, $"{m.Length}"));
        IngestRecord[] decoded = [.. messages.SelectMany(m => CommitFeedCodec.Decode(m).Records)];
        Assert.Equal(batch.Select(r => r.Readings), decoded.Select(r => r.Readings));
    }

    [Fact]
    public void Encode_ARecordAboveTheLimitAlone_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => CommitFeedCodec.Encode("n", [Record(1, 0, parameters: 200)], 300));
    }

    [Theory]
    [InlineData("")]
    [InlineData("q0|n|AAAA")]
    [InlineData("q1|n|not base64!")]
    [InlineData("q1|n|AAAA")]
    public void Decode_WhatEncodeDidNotWrite_IsAFormatError(string message)
    {
        Assert.Throws<FormatException>(() => CommitFeedCodec.Decode(message));
    }
}
