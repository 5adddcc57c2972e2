using Qingshui.Server.Live;

namespace Qingshui.Server.Notices;

/// <summary>Delivers notices to the dashboards only, as <c>notice</c> events on the live feed.</summary>
internal sealed class LiveNoticeOutbox(LiveFeed feed) : INoticeOutbox
{
    public ValueTask PostAsync(Notice notice, CancellationToken cancellationToken)
    {
        feed.Publish(new LiveEvent("notice", notice));
        return ValueTask.CompletedTask;
    }
}
