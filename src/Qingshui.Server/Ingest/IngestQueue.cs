using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qingshui.Storage;

namespace Qingshui.Server.Ingest;

/// <summary>
/// The single path to the store: a bounded queue drained by one writer that commits everything waiting in one
/// transaction (group commit). Each record's task completes only when its transaction is durable, which is what
/// lets a connection acknowledge. When the store is slow the queue fills, and enqueuing waits: stations are slowed
/// down, never dropped.
/// </summary>
internal sealed class IngestQueue : BackgroundService
{
    private const int MaxTransientAttempts = 10;
    private readonly Channel<PendingWrite> _channel;
    private readonly IReadingStore _store;
    private readonly ServerOptions _options;
    private readonly ILogger<IngestQueue> _logger;
    private readonly ICommittedBatchObserver[] _observers;
    private readonly ReadingScreen _screen;
    private readonly Metrics.NodeMetrics _metrics;

    public IngestQueue(
        IReadingStore store, ServerOptions options, ReadingScreen screen, IEnumerable<ICommittedBatchObserver> observers, Metrics.NodeMetrics metrics,
        ILogger<IngestQueue> logger)
    {
        _metrics = metrics;
        _store = store;
        _screen = screen;
        _observers = [.. observers];
        _options = options;
        _logger = logger;
        _channel = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(options.IngestQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        metrics.WatchQueue(() => _channel.Reader.Count);
    }

    /// <summary>Waits for room, then queues the record; the returned task completes when it is durable.</summary>
    public async ValueTask<Task> EnqueueAsync(IngestRecord record, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(record, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await _channel.Writer.WriteAsync(pending, cancellationToken);
        return pending.Durable.Task;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop taking new records, then let the writer drain what is queued before the store closes.
        _channel.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingWrite>(_options.MaxBatchSize);
        var records = new List<IngestRecord>(_options.MaxBatchSize);
        ChannelReader<PendingWrite> reader = _channel.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            records.Clear();
            while (batch.Count < _options.MaxBatchSize && reader.TryRead(out PendingWrite? pending))
            {
                batch.Add(pending);
                records.Add(pending.Record);
            }

            // Screened once per batch, before any attempt: a retry writes the same verdicts, and series history moves once.
            _screen.Apply(records);
            await CommitAsync(batch, records);
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch, List<IngestRecord> records)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                long started = System.Diagnostics.Stopwatch.GetTimestamp();
                await _store.WriteAsync(records, CancellationToken.None);
                _metrics.Committed(records, System.Diagnostics.Stopwatch.GetElapsedTime(started));

                // Before the acknowledgements: whoever was told "stored" must not then be served an answer without it.
                // Observers get their own copy, since the list is reused for the next batch.
                IngestRecord[] committed = [.. records];
                foreach (ICommittedBatchObserver observer in _observers)
                {
                    observer.Committed(committed);
                }

                foreach (PendingWrite pending in batch)
                {
                    pending.Durable.TrySetResult();
                }

                return;
            }
            catch (StoreException e) when (e.IsTransient && attempt < MaxTransientAttempts)
            {
                Log.StoreRetry(_logger, e, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt));
            }
            catch (Exception e)
            {
                Log.StoreFailed(_logger, e, batch.Count);
                foreach (PendingWrite pending in batch)
                {
                    pending.Durable.TrySetException(e);
                }

                return;
            }
        }
    }

    private sealed record PendingWrite(IngestRecord Record, TaskCompletionSource Durable);
}
