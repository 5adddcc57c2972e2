using System.Threading.Channels;

namespace Qingshui.Storage.Cluster;

/// <summary>The feed of a server that is the only writer (the SQLite store): there are no other nodes to hear from or tell.</summary>
public sealed class SingleNodeFeed : ICommitFeed
{
    private readonly Channel<CommitNews> _never = Channel.CreateBounded<CommitNews>(1);

    public ChannelReader<CommitNews> News => _never.Reader;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PublishAsync(IReadOnlyList<IngestRecord> committed, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task AnnounceAsync(ClusterNote note, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _never.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
