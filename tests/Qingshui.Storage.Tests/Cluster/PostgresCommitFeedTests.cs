using Npgsql;
using Qingshui.Storage.Cluster;
using Qingshui.Storage.Postgres;
using Qingshui.Testing;

namespace Qingshui.Storage.Tests.Cluster;

/// <summary>Two nodes' feeds on one database of the throwaway cluster (whole servers on PostgreSQL come with the store).</summary>
public sealed class PostgresCommitFeedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publish_OnNodeB_ReachesNodeA_WholeAndInOrder_AndNotBItself()
    {
        var options = new PostgresStoreOptions(await PostgresCluster.CreateDatabaseAsync());
        await using var a = new PostgresCommitFeed(options, "a");
        await using var b = new PostgresCommitFeed(options, "b");
        await a.StartAsync(Ct);
        await b.StartAsync(Ct);
        IngestRecord[] first = [.. Enumerable.Range(0, 1_000).Select(i => CommitFeedCodecTests.Record(i, i % 24))];
        IngestRecord[] second = [CommitFeedCodecTests.Record(7, 3)];

        await b.PublishAsync(first, Ct);
        await b.PublishAsync(second, Ct);

        List<IngestRecord> received = await ReceiveAsync(a, first.Length + second.Length);
        Assert.Equal(first.Concat(second).Select(r => r.Readings), received.Select(r => r.Readings));
        Assert.False(b.News.TryRead(out _));
    }

    [Fact]
    public async Task ListeningConnectionKilled_FeedReconnects_ReportsAGap_AndHearsWhatFollows()
    {
        string database = await PostgresCluster.CreateDatabaseAsync();
        var options = new PostgresStoreOptions(database);
        await using var a = new PostgresCommitFeed(options, "a");
        await using var b = new PostgresCommitFeed(options, "b");
        await a.StartAsync(Ct);

        await using (var admin = new NpgsqlConnection(database))
        {
            await admin.OpenAsync(Ct);
            await using var kill = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'qingshui-feed a'", admin);
            Assert.Equal(1L, await kill.ExecuteScalarAsync(Ct));
        }

        CommitNews gap = await a.News.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(20), Ct);
        await b.PublishAsync([CommitFeedCodecTests.Record(5, 1)], Ct);

        Assert.True(gap.Missed);
        Assert.Equal(1, a.Reconnects);
        Assert.Equal(CommitFeedCodecTests.Record(5, 1).Readings, Assert.Single(await ReceiveAsync(a, 1)).Readings);
    }

    [Fact]
    public async Task DatabaseStoppedAndRestarted_FeedListensAgainByItself()
    {
        await using PostgresCluster cluster = await PostgresCluster.StartPrivateAsync();
        var options = new PostgresStoreOptions(await cluster.CreateDatabaseOnAsync());
        await using var a = new PostgresCommitFeed(options, "a");
        await using var b = new PostgresCommitFeed(options, "b");
        await a.StartAsync(Ct);

        cluster.StopImmediately();
        await Assert.ThrowsAsync<StoreException>(() => b.PublishAsync([CommitFeedCodecTests.Record(1, 1)], Ct));
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        cluster.Restart();

        CommitNews gap = await a.News.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await b.PublishAsync([CommitFeedCodecTests.Record(2, 2)], Ct);
        Assert.True(gap.Missed);
        Assert.Equal(CommitFeedCodecTests.Record(2, 2).Readings, Assert.Single(await ReceiveAsync(a, 1)).Readings);
    }

    private static async Task<List<IngestRecord>> ReceiveAsync(ICommitFeed feed, int count)
    {
        var received = new List<IngestRecord>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (received.Count < count)
        {
            CommitNews news = await feed.News.ReadAsync(timeout.Token);
            Assert.False(news.Missed);
            received.AddRange(news.Records);
        }

        return received;
    }
}
