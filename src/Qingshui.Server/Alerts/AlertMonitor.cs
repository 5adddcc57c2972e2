using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Readings;
using Qingshui.Server.Live;
using Qingshui.Storage;
using Qingshui.Storage.Cluster;

namespace Qingshui.Server.Alerts;

/// <summary>
/// Watches readings as they become durable: committed batches are posted to its own bounded queue (never blocking the
/// ingest writer), evaluated in commit order on its own task, and each raised or cleared alert is stored and pushed on
/// the live feed and told to every <see cref="IAlertListener"/>. A timer checks for silent stations. Open alerts are
/// restored from the store at start.
/// </summary>
/// <remarks>
/// Nodes sharing a database each see every committed batch (through the commit feed) but evaluate only while they hold
/// the alert job, so an alert is raised once. A node that takes the job over starts from the stored open alerts and the
/// recent history, as at start.
/// </remarks>
internal sealed class AlertMonitor(
    ServerOptions options, IAlertStore store, LiveFeed feed, IEnumerable<IAlertListener> listeners, IJobLock jobs, TimeProvider clock,
    ILogger<AlertMonitor> logger)
    : BackgroundService
{
    private readonly Channel<Work> _work = Channel.CreateBounded<Work>(new BoundedChannelOptions(options.AlertQueueCapacity)
    {
        SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
    });

    private AlertEvaluator _evaluator = new(options.Basin, options.AlertRules);
    private bool _holding;
    private bool _heldBefore;
    private readonly List<AlertSignal> _signals = [];

    /// <summary>Queues a committed batch; when the queue is full the batch is not evaluated (logged), and the writer never waits.</summary>
    public void Post(IReadOnlyList<IngestRecord> records)
    {
        if (!_work.Writer.TryWrite(new Work(records, clock.GetUtcNow())))
        {
            Log.AlertQueueFull(logger, records.Sum(r => r.Readings.Count));
        }
    }

    /// <summary>Loads the open alerts before the first batch can arrive.</summary>
    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        _evaluator.Restore(await store.OpenAlertsAsync(cancellationToken));
        _evaluator.Watch(clock.GetUtcNow());
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Batches committed meanwhile wait in the queue; their readings are then older than the recalled ones and skipped.
        await TakeTurnAsync(stoppingToken);
        Task ticks = TickAsync(stoppingToken);
        try
        {
            await foreach (Work work in _work.Reader.ReadAllAsync(stoppingToken))
            {
                await HandleAsync(work, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await ticks;
    }

    /// <summary>
    /// Runs the rules over the recent stored history, so their state is as if the server had never stopped. An alert
    /// this raises that the store already has (same rule, station, parameter and time) is not raised again.
    /// </summary>
    private async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        if (options.AlertWarmUp <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            DateTimeOffset now = clock.GetUtcNow(), from = now - options.AlertWarmUp;
            HashSet<(AlertKey, DateTimeOffset)> known = await RaisedSinceAsync(from, cancellationToken);
            int readings = 0;
            _signals.Clear();
            await foreach ((string station, ReadingValue v) in store.ReplayValuesAsync(from, now + options.DataTimeAhead, cancellationToken))
            {
                _evaluator.Recall(v.Of(station), _signals);
                readings++;
            }

            int raised = 0;
            foreach (AlertSignal signal in _signals)
            {
                if (!signal.Raised || !known.Contains((signal.Alert.Key, signal.Alert.RaisedAt)))
                {
                    raised += signal.Raised ? 1 : 0;
                    await ApplyAsync(signal, cancellationToken);
                }
            }

            Log.AlertWarmUp(logger, readings, options.AlertWarmUp.TotalHours, raised);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.AlertWarmUpFailed(logger, e);
        }
    }

    private async Task<HashSet<(AlertKey, DateTimeOffset)>> RaisedSinceAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        var known = new HashSet<(AlertKey, DateTimeOffset)>();
        long? before = null;
        while (true)
        {
            IReadOnlyList<Alert> page = await store.ListAsync(new AlertQuery(AlertQuery.MaxLimit, From: from, Before: before), cancellationToken);
            foreach (Alert alert in page)
            {
                known.Add((alert.Key, alert.RaisedAt));
            }

            if (page.Count < AlertQuery.MaxLimit)
            {
                return known;
            }

            before = page[^1].Id;
        }
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(options.AlertSilenceCheck, clock);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // Through the queue, so the evaluator has one caller at a time.
                await _work.Writer.WriteAsync(new Work(null, clock.GetUtcNow()), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Whether this node evaluates now; on taking the job over from another node, starts from the store.</summary>
    private async Task<bool> TakeTurnAsync(CancellationToken cancellationToken)
    {
        bool holds = await jobs.TryHoldAsync(Cluster.Jobs.Alerts, cancellationToken);
        if (holds && !_holding)
        {
            if (_heldBefore)
            {
                // What this node remembered from its last turn is stale: the other node raised and cleared meanwhile.
                _evaluator = new AlertEvaluator(options.Basin, options.AlertRules);
                _evaluator.Restore(await store.OpenAlertsAsync(cancellationToken));
                _evaluator.Watch(clock.GetUtcNow());
            }

            await WarmUpAsync(cancellationToken);
            Log.JobTaken(logger, Cluster.Jobs.Alerts);
        }

        _holding = holds;
        _heldBefore |= holds;
        return holds;
    }

    private async Task HandleAsync(Work work, CancellationToken cancellationToken)
    {
        _signals.Clear();
        try
        {
            if (!await TakeTurnAsync(cancellationToken))
            {
                return;
            }

            if (work.Records is null)
            {
                _evaluator.CheckSilence(work.At, _signals);
            }
            else
            {
                foreach (IngestRecord record in work.Records)
                {
                    foreach (Reading reading in record.Readings)
                    {
                        _evaluator.Observe(reading, work.At, _signals);
                    }
                }
            }

            foreach (AlertSignal signal in _signals)
            {
                await ApplyAsync(signal, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Watching must never stop: a failure is logged and the next batch goes on.
            Log.AlertEvaluationFailed(logger, e, work.Records?.Count ?? 0);
        }
    }

    private async Task ApplyAsync(AlertSignal signal, CancellationToken cancellationToken)
    {
        if (signal.Raised)
        {
            Alert stored = await store.RaiseAsync(signal.Alert, cancellationToken);
            Log.AlertRaised(logger, stored.Id, stored.RuleId, stored.Station, stored.Section, stored.Parameter, stored.Reason);
            feed.Publish(new LiveEvent("alert", AlertView.Of(stored)));
            await TellAsync(stored, raised: true, cancellationToken);
        }
        else if (await store.ClearAsync(signal.Alert.Key, signal.Alert.ClearedAt ?? signal.Alert.RaisedAt, cancellationToken) is Alert cleared)
        {
            Log.AlertCleared(logger, cleared.Id, cleared.RuleId, cleared.Station);
            feed.Publish(new LiveEvent("alert", AlertView.Of(cleared)));
            await TellAsync(cleared, raised: false, cancellationToken);
        }
    }

    private async Task TellAsync(Alert alert, bool raised, CancellationToken cancellationToken)
    {
        foreach (IAlertListener listener in listeners)
        {
            try
            {
                await listener.AlertChangedAsync(alert, raised, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.AlertListenerFailed(logger, e, listener.GetType().Name, alert.Id);
            }
        }
    }

    private sealed record Work(IReadOnlyList<IngestRecord>? Records, DateTimeOffset At);
}
