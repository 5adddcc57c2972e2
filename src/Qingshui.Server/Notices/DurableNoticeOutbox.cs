using Microsoft.Extensions.Logging;
using Qingshui.Server.Live;
using Qingshui.Storage.Notices;

namespace Qingshui.Server.Notices;

/// <summary>
/// The outbox: a notice is stored with a delivery owed to each receiver that takes it, shown on the dashboards at once
/// (a <c>notice</c> event on the live feed), and handed to the <see cref="NoticeDeliverer"/>, whose loops do the sending.
/// Posting waits for the store, never for a receiver.
/// </summary>
internal sealed class DurableNoticeOutbox(
    INoticeStore store, LiveFeed feed, NoticeDeliverer deliverer, ServerOptions options, TimeProvider clock, ILogger<DurableNoticeOutbox> logger)
    : INoticeOutbox
{
    public async ValueTask PostAsync(Notice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var record = new NoticeRecord(0, notice.Kind, notice.Reference, notice.Title, notice.Body, notice.Organisations, notice.At, clock.GetUtcNow());
        string[] receivers = [.. options.Notices.Receivers.Where(r => r.Takes(record)).Select(r => r.Name)];
        NoticeRecord stored;
        try
        {
            stored = await store.AddNoticeAsync(record, receivers, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The dashboards still hear of it; the caller learns it was not kept.
            Log.NoticeNotStored(logger, e, notice.Kind, notice.Reference);
            feed.Publish(new LiveEvent("notice", NoticeView.Of(new NoticeEntry(record, []))));
            throw;
        }

        Log.NoticePosted(logger, stored.Id, stored.Kind, stored.Reference, receivers.Length);
        feed.Publish(new LiveEvent("notice", NoticeView.Of(new NoticeEntry(stored,
            [.. receivers.Select(r => new NoticeDelivery(r, DeliveryState.Pending, 0, null, []))]))));
        deliverer.Posted(receivers);
    }
}
