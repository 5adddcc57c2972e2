using System.Collections.Concurrent;
using System.Threading.Channels;
using Qingshui.Storage;
using Qingshui.Storage.Cluster;

namespace Qingshui.Server.Tests.Cluster;

/// <summary>A commit feed standing in for other nodes: the test injects their news and reads what this node published.</summary>
internal sealed class TestFeed : ICommitFeed
{
    private readonly Channel<CommitNews> _news = Channel.CreateUnbounded<CommitNews>();

    public ConcurrentQueue<IngestRecord> Published { get; } = new();

    public ChannelReader<CommitNews> News => _news.Reader;

    public void Inject(CommitNews news) => _news.Writer.TryWrite(news);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PublishAsync(IReadOnlyList<IngestRecord> committed, CancellationToken cancellationToken)
    {
        foreach (IngestRecord record in committed)
        {
            Published.Enqueue(record);
        }

        return Task.CompletedTask;
    }

    public ConcurrentQueue<ClusterNote> Announced { get; } = new();

    public Task AnnounceAsync(ClusterNote note, CancellationToken cancellationToken)
    {
        Announced.Enqueue(note);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _news.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A job lock whose answer the test sets: whether another node holds the jobs.</summary>
internal sealed class TestJobLock : IJobLock
{
    public volatile bool Holds;

    public Task<bool> TryHoldAsync(string job, CancellationToken cancellationToken) => Task.FromResult(Holds);

    public Task ReleaseAsync(string job, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
