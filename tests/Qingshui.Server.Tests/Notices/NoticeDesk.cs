using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Network;
using Qingshui.Server.Notices;
using Qingshui.Server.Notices.Receivers;
using Qingshui.Storage.Notices;

namespace Qingshui.Server.Tests.Notices;

/// <summary>A server with notice receivers and short retry delays, and ways to post notices and watch their deliveries.</summary>
internal static class NoticeDesk
{
    public const string Secret = "s3cret-shared-with-the-receiver";

    /// <summary>Retries every 50–400 ms, so a test sees several attempts in a second or two.</summary>
    public static DeliveryPolicy Quick { get; } = new() { FirstDelay = TimeSpan.FromMilliseconds(50), LongestDelay = TimeSpan.FromMilliseconds(400) };

    public static WebhookReceiver Webhook(string name, Uri url, WebhookStyle style = WebhookStyle.Json, IReadOnlyList<string>? organisations = null,
        IReadOnlyList<string>? kinds = null, TimeSpan? timeout = null) =>
        new(name, url, Encoding.UTF8.GetBytes(Secret), style, timeout ?? TimeSpan.FromSeconds(5), organisations, kinds);

    public static Task<TestHost> StartAsync(IReadOnlyList<NoticeReceiver> receivers, DeliveryPolicy? retry = null, Func<ServerOptions, ServerOptions>? configure = null) =>
        TestHost.StartAsync(configure: o => (configure ?? (x => x))(o with { Notices = new NoticeSettings(receivers, retry ?? Quick) }));

    public static Notice Notice(int number, params string[] organisations) => new(
        "alert.raised", $"alert/{number}", new LocalizedText($"预警 {number}", $"Alert {number}"), new LocalizedText($"正文 {number}", $"Body {number}"),
        organisations, new DateTimeOffset(2024, 3, 5, 10, 0, 0, TimeSpan.FromHours(8)).AddHours(number));

    public static async Task PostAsync(TestHost host, params Notice[] notices)
    {
        INoticeOutbox outbox = host.Server.Services.GetRequiredService<INoticeOutbox>();
        foreach (Notice notice in notices)
        {
            await outbox.PostAsync(notice, TestContext.Current.CancellationToken);
        }
    }

    public static INoticeStore Store(TestHost host) => host.Server.Services.GetRequiredService<INoticeStore>();

    /// <summary>Polls the store (with a deadline) until every notice's deliveries satisfy <paramref name="done"/>; returns the newest first.</summary>
    public static async Task<IReadOnlyList<NoticeEntry>> WaitForAsync(TestHost host, Func<IReadOnlyList<NoticeEntry>, bool> done, TimeSpan within)
    {
        DateTimeOffset deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            IReadOnlyList<NoticeEntry> notices = await Store(host).ListNoticesAsync(new NoticeQuery(NoticeQuery.MaxLimit), TestContext.Current.CancellationToken);
            if (done(notices) || DateTimeOffset.UtcNow > deadline)
            {
                return notices;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    public static bool AllDelivered(IReadOnlyList<NoticeEntry> notices, int count) =>
        notices.Count == count && notices.All(n => n.Deliveries.All(d => d.State == DeliveryState.Delivered));
}
