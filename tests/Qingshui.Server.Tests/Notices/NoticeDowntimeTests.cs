using Microsoft.Extensions.Time.Testing;
using Qingshui.Server.Notices;
using Qingshui.Storage.Notices;

namespace Qingshui.Server.Tests.Notices;

/// <summary>The case on the default retry settings: a webhook down for five minutes, on a clock the test moves.</summary>
public sealed class NoticeDowntimeTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Webhook_DownForFiveMinutes_GetsEveryNoticeAfterItComesBack_InOrderAndNoneTwice()
    {
        // Given the default retry settings and a receiver that refuses connections
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        int port = WebhookSink.FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/hooks/qingshui");
        await using TestHost host = await TestHost.StartAsync(clock: clock, configure: o => o with
        {
            Notices = new NoticeSettings([NoticeDesk.Webhook("duty", url, timeout: TimeSpan.FromHours(1))], DeliveryPolicy.Default),
        });
        await NoticeDesk.PostAsync(host, [.. Enumerable.Range(1, 5).Select(i => NoticeDesk.Notice(i))]);

        // When five minutes pass (on the clock the deliverer waits on) with the receiver down, and it comes back
        DateTimeOffset down = clock.GetUtcNow();
        while (clock.GetUtcNow() - down < TimeSpan.FromMinutes(5))
        {
            await MoveAsync(clock);
        }

        IReadOnlyList<NoticeEntry> whileDown = await NoticeDesk.Store(host).ListNoticesAsync(new NoticeQuery(10), TestContext.Current.CancellationToken);
        await using WebhookSink sink = await WebhookSink.StartAsync(port);
        DateTimeOffset deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        IReadOnlyList<NoticeEntry> stored = whileDown;
        while (!NoticeDesk.AllDelivered(stored, 5) && DateTimeOffset.UtcNow < deadline)
        {
            await MoveAsync(clock);
            stored = await NoticeDesk.Store(host).ListNoticesAsync(new NoticeQuery(10), TestContext.Current.CancellationToken);
        }

        // Then nothing was given up meanwhile, the first notice was tried again and again, and the receiver got all five once, in order
        Assert.All(whileDown, n => Assert.Equal(DeliveryState.Pending, n.Deliveries[0].State));
        Assert.InRange(whileDown.Single(n => n.Notice.Reference == "alert/1").Deliveries[0].Attempts, 5, 8);
        Assert.All(whileDown.Where(n => n.Notice.Reference != "alert/1"), n => Assert.Equal(0, n.Deliveries[0].Attempts));
        Assert.True(NoticeDesk.AllDelivered(stored, 5));
        Assert.Equal(stored.Select(n => n.Notice.Id).Order().Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            sink.Requests.Select(r => r.NoticeId));
    }

    // Moves the clock a step and lets the deliverer's loop run (its waits are on this clock, its sends on real time).
    private static async Task MoveAsync(FakeTimeProvider clock)
    {
        clock.Advance(Step);
        await Task.Delay(15, TestContext.Current.CancellationToken);
    }
}
