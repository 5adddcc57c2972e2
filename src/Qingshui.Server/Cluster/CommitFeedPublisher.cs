using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qingshui.Server.Ingest;
using Qingshui.Storage;
using Qingshui.Storage.Cluster;

namespace Qingshui.Server.Cluster;

/// <summary>
/// Tells the other nodes of each batch this node committed, on its own task: the ingest writer only posts (acknowledging
/// never waits for the other nodes), and batches waiting together are sent together.
/// </summary>
internal sealed class CommitFeedPublisher(ICommitFeed feed, ILogger<CommitFeedPublisher> logger) : BackgroundService, ICommittedBatchObserver
{
    private const int MaxWaiting = 4_096;
    private readonly Channel<IReadOnlyList<IngestRecord>> _waiting = Channel.CreateBounded<IReadOnlyList<IngestRecord>>(
        new BoundedChannelOptions(MaxWaiting) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    public void Committed(IReadOnlyList<IngestRecord> records) => _waiting.Writer.TryWrite(records);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var together = new List<IngestRecord>();
        try
        {
            while (await _waiting.Reader.WaitToReadAsync(stoppingToken))
            {
                together.Clear();
                while (together.Count < 10_000 && _waiting.Reader.TryRead(out IReadOnlyList<IngestRecord>? batch))
                {
                    together.AddRange(batch);
                }

                try
                {
                    await feed.PublishAsync(together, stoppingToken);
                }
                catch (StoreException e)
                {
                    // The other nodes' listeners are cut off as well and rebuild from the store when they are back.
                    Log.CommitFeedPublishFailed(logger, e, together.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
