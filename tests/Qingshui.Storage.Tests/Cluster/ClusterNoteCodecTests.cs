using Qingshui.Storage.Cluster;
using Qingshui.Storage.Postgres;
using Qingshui.Testing;

namespace Qingshui.Storage.Tests.Cluster;

public sealed class ClusterNoteCodecTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Encode_ThenDecode_GivesTheNodeAndNoteBack_AndIsTellableFromRecords()
    {
        var note = new ClusterNote("live", "alert", """{"id":7,"reason":"氨氮 2.4 | 超标"}""");

        string message = ClusterNoteCodec.Encode("node-a", note, 7_900)!;

        Assert.True(ClusterNoteCodec.IsNote(message));
        Assert.False(ClusterNoteCodec.IsNote(CommitFeedCodec.Encode("node-a", [CommitFeedCodecTests.Record(1, 1)], 7_900)[0]));
        Assert.Equal(("node-a", note), ClusterNoteCodec.Decode(message));
    }

    [Fact]
    public void Encode_ANoteLongerThanOneMessage_IsNull_AndGarbageDoesNotDecode()
    {
        // Random hex keeps its 4 bits a character through deflate: about 11,000 characters once in base64.
        string noise = new(new Random(7).GetItems("0123456789abcdef".AsSpan(), 16_000));

        Assert.Null(ClusterNoteCodec.Encode("node-a", new ClusterNote("live", "notice", noise), 7_900));
        Assert.Throws<FormatException>(() => ClusterNoteCodec.Decode("n1|node-a|not base64!"));
    }

    [Fact]
    public async Task Announce_OnNodeB_ReachesNodeA_AfterAndInOrderWithCommits_AndNotBItself()
    {
        var options = new PostgresStoreOptions(await PostgresCluster.CreateDatabaseAsync());
        await using var a = new PostgresCommitFeed(options, "note-a");
        await using var b = new PostgresCommitFeed(options, "note-b");
        await a.StartAsync(Ct);
        await b.StartAsync(Ct);

        await b.PublishAsync([CommitFeedCodecTests.Record(1, 1)], Ct);
        await b.AnnounceAsync(new ClusterNote("station", "430281A00000000000000301"), Ct);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        CommitNews records = await a.News.ReadAsync(timeout.Token);
        CommitNews note = await a.News.ReadAsync(timeout.Token);
        Assert.Equal((1, (ClusterNote?)null), (records.Records.Count, records.Note));
        Assert.Equal(new ClusterNote("station", "430281A00000000000000301"), note.Note);
        Assert.False(b.News.TryRead(out _));
    }
}
