using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qingshui.Storage;

namespace Qingshui.Server.Live;

/// <summary>
/// Hands committed records to <see cref="LiveState"/> on its own task, in commit order, so keeping dashboards current
/// never holds up the ingest writer (which commits one batch at a time).
/// </summary>
internal sealed class LiveUpdater(LiveState live, ILogger<LiveUpdater> logger) : BackgroundService
{
    private readonly Channel<IReadOnlyList<IngestRecord>> _committed = Channel.CreateUnbounded<IReadOnlyList<IngestRecord>>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues a committed batch (the caller must not reuse the list); never blocks.</summary>
    public void Post(IReadOnlyList<IngestRecord> records) => _committed.Writer.TryWrite(records);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (IReadOnlyList<IngestRecord> records in _committed.Reader.ReadAllAsync(stoppingToken))
        {
            // What dashboards show must never stop what stations send: a failure here is logged and the next batch goes on.
            try
            {
                live.Committed(records);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.LiveUpdateFailed(logger, e, records.Count);
            }
        }
    }
}
