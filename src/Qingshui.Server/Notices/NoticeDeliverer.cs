using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qingshui.Server.Live;
using Qingshui.Server.Notices.Receivers;
using Qingshui.Storage.Notices;

namespace Qingshui.Server.Notices;

/// <summary>
/// Delivers stored notices to the configured receivers, each receiver on its own loop so a slow or absent one holds up
/// no other and never the poster. A receiver gets its notices in order: a failed one is retried (after the policy's
/// delay) before any later one is sent, until it is delivered or given up. Every attempt is recorded. The loops read
/// what is pending from the store, so after a restart they resume where they stopped. A delivery that ends (delivered
/// or given up) is told on the live feed as a <c>notice-delivery</c> event, so dashboards showing undelivered notices refresh.
/// With several nodes on one database, the node holding the notices job delivers (so no receiver gets a notice twice),
/// and it looks for notices other nodes posted every few seconds as well as when told.
/// </summary>
internal sealed class NoticeDeliverer : BackgroundService
{
    private const int PageSize = 64;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private readonly Storage.Cluster.IJobLock _jobs;
    private readonly Dictionary<string, Lane> _lanes;
    private readonly HttpClient _http;
    private readonly INoticeStore _store;
    private readonly DeliveryPolicy _policy;
    private readonly TimeProvider _clock;
    private readonly LiveFeed _feed;
    private readonly ILogger<NoticeDeliverer> _logger;

    public NoticeDeliverer(
        ServerOptions options, INoticeStore store, LiveFeed feed, Storage.Cluster.IJobLock jobs, TimeProvider clock, ILogger<NoticeDeliverer> logger)
    {
        _store = store;
        _jobs = jobs;
        _feed = feed;
        _policy = options.Notices.Retry;
        _clock = clock;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _lanes = options.Notices.Receivers.ToDictionary(r => r.Name, r => new Lane(r, r switch
        {
            WebhookReceiver webhook => (INoticeSender)new WebhookSender(webhook, _http, clock),
            MailReceiver mail => new MailSender(mail, clock),
            _ => throw new ArgumentException($"no sender for receiver type {r.GetType().Name}", nameof(options)),
        }), StringComparer.Ordinal);
    }

    /// <summary>The configured receivers' names.</summary>
    public IReadOnlyCollection<string> Receivers => _lanes.Keys;

    /// <summary>Tells the receivers' loops that a notice is waiting (a loop waiting out a failure keeps waiting).</summary>
    public void Posted(IEnumerable<string> receivers)
    {
        foreach (string name in receivers)
        {
            if (_lanes.TryGetValue(name, out Lane? lane))
            {
                lane.Posted.Writer.TryWrite(true);
            }
        }
    }

    /// <summary>Tells the receivers' loops to try now, cutting short any wait after a failure.</summary>
    public void RetryNow(IEnumerable<string> receivers)
    {
        foreach (string name in receivers)
        {
            if (_lanes.TryGetValue(name, out Lane? lane))
            {
                lane.Posted.Writer.TryWrite(true);
                lane.Retry.Writer.TryWrite(true);
            }
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.NoticeReceivers(_logger, _lanes.Count, string.Join(", ", _lanes.Keys));
        return Task.WhenAll(_lanes.Values.Select(lane => RunAsync(lane, stoppingToken)));
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    private async Task RunAsync(Lane lane, CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Consume the wake-up before reading, so a notice stored after the read wakes the loop again.
                lane.Posted.Reader.TryRead(out _);
                if (!await _jobs.TryHoldAsync(Cluster.Jobs.Notices, stoppingToken))
                {
                    await WakeOrPollAsync(lane, stoppingToken);
                    continue;
                }

                IReadOnlyList<PendingDelivery> pending;
                try
                {
                    pending = await _store.PendingDeliveriesAsync(lane.Receiver.Name, PageSize, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.NoticeStoreFailed(_logger, e, lane.Receiver.Name, _policy.LongestDelay);
                    await WaitAsync(lane.Retry, _policy.LongestDelay, stoppingToken);
                    continue;
                }

                if (pending.Count == 0)
                {
                    await WakeOrPollAsync(lane, stoppingToken);
                    continue;
                }

                if (await DeliverInOrderAsync(lane, pending, stoppingToken) is TimeSpan wait)
                {
                    await WaitAsync(lane.Retry, wait, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // Sends the page in order; stops at the first notice that stays pending and returns how long to wait before trying it again.
    private async Task<TimeSpan?> DeliverInOrderAsync(Lane lane, IReadOnlyList<PendingDelivery> pending, CancellationToken stoppingToken)
    {
        foreach (PendingDelivery delivery in pending)
        {
            NoticeRecord notice = delivery.Notice;
            DeliveryAttempt attempt = await lane.Sender.SendAsync(notice, stoppingToken);
            int attempts = delivery.Attempts + 1;
            DeliveryState after = attempt.Delivered ? DeliveryState.Delivered
                : _policy.GivesUp(attempts, _clock.GetUtcNow() - notice.PostedAt) ? DeliveryState.GivenUp
                : DeliveryState.Pending;
            try
            {
                await _store.RecordAttemptAsync(notice.Id, lane.Receiver.Name, attempt, after, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Unrecorded, a delivered notice would be sent again; pausing keeps that to one repeat at most.
                Log.NoticeStoreFailed(_logger, e, lane.Receiver.Name, _policy.LongestDelay);
                return _policy.LongestDelay;
            }

            if (after != DeliveryState.Pending)
            {
                _feed.Publish(new LiveEvent("notice-delivery", new DeliveryEvent(notice.Id, lane.Receiver.Name, NoticeView.Word(after))));
            }

            switch (after)
            {
                case DeliveryState.Delivered:
                    Log.NoticeDelivered(_logger, notice.Id, lane.Receiver.Name, attempts);
                    break;
                case DeliveryState.GivenUp:
                    Log.NoticeGivenUp(_logger, notice.Id, lane.Receiver.Name, attempts, attempt.Error);
                    break;
                default:
                    TimeSpan delay = _policy.DelayAfter(attempts);
                    Log.NoticeNotDelivered(_logger, notice.Id, lane.Receiver.Name, attempts, attempt.Error, delay);
                    return delay;
            }
        }

        return null;
    }

    // Until a notice is posted on this node, or the poll interval passes (another node may have posted one).
    private async Task WakeOrPollAsync(Lane lane, CancellationToken stoppingToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(lane.Posted.Reader.WaitToReadAsync(done.Token).AsTask(), Task.Delay(Poll, _clock, done.Token));
        await done.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    // Waits out a delay on the injected clock, or until someone asks for a retry.
    private async Task WaitAsync(Channel<bool> retry, TimeSpan delay, CancellationToken stoppingToken)
    {
        retry.Reader.TryRead(out _);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Task asked = retry.Reader.WaitToReadAsync(done.Token).AsTask();
        Task elapsed = Task.Delay(delay, _clock, done.Token);
        await Task.WhenAny(asked, elapsed);
        await done.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    private sealed record DeliveryEvent(long Id, string Receiver, string State);

    private sealed record Lane(NoticeReceiver Receiver, INoticeSender Sender)
    {
        public Channel<bool> Posted { get; } = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

        public Channel<bool> Retry { get; } = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    }
}
