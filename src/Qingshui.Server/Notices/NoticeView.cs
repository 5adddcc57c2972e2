using Qingshui.Server.Api.Contracts;
using Qingshui.Storage.Notices;

namespace Qingshui.Server.Notices;

/// <summary>A notice as the API and the live feed show it.</summary>
internal static class NoticeView
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static NoticeDto Of(NoticeEntry entry)
    {
        NoticeRecord n = entry.Notice;
        return new NoticeDto(n.Id, n.Kind, n.Reference, new NameDto(n.Title.Chinese, n.Title.English), new NameDto(n.Body.Chinese, n.Body.English),
            [.. n.Organisations], n.At, n.PostedAt.ToOffset(Beijing), StateOf(entry.Deliveries), [.. entry.Deliveries.Select(Delivery)]);
    }

    public static string Word(DeliveryState state) => state switch
    {
        DeliveryState.Delivered => "delivered",
        DeliveryState.GivenUp => "given-up",
        _ => "pending",
    };

    private static string StateOf(IReadOnlyList<NoticeDelivery> deliveries) =>
        deliveries.Count == 0 ? "dashboard-only"
        : deliveries.Any(d => d.State == DeliveryState.GivenUp) ? "given-up"
        : deliveries.Any(d => d.State == DeliveryState.Pending) ? "pending"
        : "delivered";

    private static NoticeDeliveryDto Delivery(NoticeDelivery d) => new(
        d.Receiver, Word(d.State), d.Attempts, d.DeliveredAt?.ToOffset(Beijing), d.LastAttempt is { } last ? Attempt(last) : null,
        d.History.Count == 0 ? null : [.. d.History.Select(Attempt)]);

    private static DeliveryAttemptDto Attempt(DeliveryAttempt a) => new(a.At.ToOffset(Beijing), a.Delivered, a.StatusCode, a.Error);
}
