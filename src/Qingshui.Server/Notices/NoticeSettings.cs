using Qingshui.Server.Notices.Receivers;

namespace Qingshui.Server.Notices;

/// <summary>Where notices go besides the dashboards, and how delivery is retried (<c>serve --notices FILE</c>).</summary>
internal sealed record NoticeSettings(IReadOnlyList<NoticeReceiver> Receivers, DeliveryPolicy Retry)
{
    /// <summary>No receivers: notices are stored and shown on the dashboards only.</summary>
    public static NoticeSettings None { get; } = new([], DeliveryPolicy.Default);
}
