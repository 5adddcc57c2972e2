using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Qingshui.Server.Notices.Receivers;
using Qingshui.Storage.Notices;

namespace Qingshui.Server.Tests.Notices;

public sealed class NoticeDeliveryTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Webhook_Notice_ArrivesAsJsonSignedWithHmacSha256OfTheBody()
    {
        await using WebhookSink sink = await WebhookSink.StartAsync();
        await using TestHost host = await NoticeDesk.StartAsync([NoticeDesk.Webhook("duty", sink.Url)]);

        await NoticeDesk.PostAsync(host, NoticeDesk.Notice(1, "hunan", "jiangxi"));
        WebhookSink.Received[] received = await sink.WaitForAsync(r => r.Length >= 1, Within);
        IReadOnlyList<NoticeEntry> stored = await NoticeDesk.WaitForAsync(host, n => NoticeDesk.AllDelivered(n, 1), Within);

        WebhookSink.Received request = Assert.Single(received);
        string expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(NoticeDesk.Secret), request.Body));
        Assert.Equal(expected, request.Signature);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        JsonElement body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal(request.NoticeId, body.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("alert.raised", "alert/1", "预警 1", "Body 1"), (body.GetProperty("kind").GetString(), body.GetProperty("reference").GetString(),
            body.GetProperty("title").GetProperty("zh").GetString(), body.GetProperty("body").GetProperty("en").GetString()));
        Assert.Equal(["hunan", "jiangxi"], body.GetProperty("organisations").EnumerateArray().Select(o => o.GetString()));
        NoticeDelivery delivery = Assert.Single(Assert.Single(stored).Deliveries);
        Assert.Equal(("duty", DeliveryState.Delivered, 1, 200), (delivery.Receiver, delivery.State, delivery.Attempts, delivery.LastAttempt?.StatusCode));
    }

    [Fact]
    public async Task Webhook_TamperedBody_NoLongerMatchesTheSignature()
    {
        await using WebhookSink sink = await WebhookSink.StartAsync();
        await using TestHost host = await NoticeDesk.StartAsync([NoticeDesk.Webhook("duty", sink.Url)]);

        await NoticeDesk.PostAsync(host, NoticeDesk.Notice(1));
        WebhookSink.Received request = Assert.Single(await sink.WaitForAsync(r => r.Length >= 1, Within));
        byte[] tampered = [.. request.Body];
        tampered[^2] ^= 1;

        Assert.NotEqual(request.Signature, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(NoticeDesk.Secret), tampered)));
        Assert.NotEqual(request.Signature, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("another secret of some length"u8, request.Body)));
    }

    [Fact]
    public async Task Webhook_RobotStyle_SendsDingTalkWeComTextMessage()
    {
        await using WebhookSink sink = await WebhookSink.StartAsync();
        await using TestHost host = await NoticeDesk.StartAsync([NoticeDesk.Webhook("group", sink.Url, WebhookStyle.Robot)]);

        await NoticeDesk.PostAsync(host, NoticeDesk.Notice(7));
        WebhookSink.Received request = Assert.Single(await sink.WaitForAsync(r => r.Length >= 1, Within));

        JsonElement body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("text", body.GetProperty("msgtype").GetString());
        string content = body.GetProperty("text").GetProperty("content").GetString()!;
        Assert.StartsWith("预警 7\n正文 7\n", content, StringComparison.Ordinal);
        Assert.Contains("Alert 7\nBody 7\n", content, StringComparison.Ordinal);
        Assert.Equal(2, body.EnumerateObject().Count());
    }

    [Fact]
    public async Task Webhook_DownThenAnswering500ThenUp_GetsEveryNoticeAfterwardsInOrderAndNoneTwice()
    {
        // Given a receiver that refuses connections while five notices are posted
        int port = WebhookSink.FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/hooks/qingshui");
        await using TestHost host = await NoticeDesk.StartAsync([NoticeDesk.Webhook("duty", url)]);
        await NoticeDesk.PostAsync(host, [.. Enumerable.Range(1, 5).Select(i => NoticeDesk.Notice(i, "hunan"))]);
        await NoticeDesk.WaitForAsync(host, n => n.Any(e => e.Deliveries[0].Attempts >= 3), Within);

        // When it comes back answering 500 three times, then 200
        await using WebhookSink sink = await WebhookSink.StartAsync(port, status: n => n <= 3 ? 500 : 200);
        IReadOnlyList<NoticeEntry> stored = await NoticeDesk.WaitForAsync(host, n => NoticeDesk.AllDelivered(n, 5), Within);

        // Then it took each notice once, oldest first, and every attempt is on record
        Assert.True(NoticeDesk.AllDelivered(stored, 5), string.Join("; ", stored.Select(n => $"{n.Notice.Id}: {n.Deliveries[0].State}")));
        WebhookSink.Received[] requests = [.. sink.Requests];
        Assert.Equal([500, 500, 500, 200, 200, 200, 200, 200], requests.Select(r => r.Status));
        long[] taken = [.. requests.Where(r => r.Status == 200).Select(r => long.Parse(r.NoticeId, System.Globalization.CultureInfo.InvariantCulture))];
        Assert.Equal(stored.Select(n => n.Notice.Id).Order(), taken);
        Assert.All(requests.Where(r => r.Status == 500), r => Assert.Equal(taken[0].ToString(System.Globalization.CultureInfo.InvariantCulture), r.NoticeId));
        NoticeEntry first = (await NoticeDesk.Store(host).FindNoticeAsync(taken[0], TestContext.Current.CancellationToken))!;
        IReadOnlyList<DeliveryAttempt> history = Assert.Single(first.Deliveries).History;
        Assert.Contains(history, a => a.Error == "could not be reached (ConnectionRefused)");
        Assert.Equal(3, history.Count(a => a is { StatusCode: 500, Error: "answered HTTP 500" }));
        Assert.True(history[^1].Delivered);
        Assert.Equal(history.Count, first.Deliveries[0].Attempts);
    }

    [Fact]
    public async Task Deliverer_AfterARestart_ResumesTheUndeliveredNotices()
    {
        int port = WebhookSink.FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/hooks/qingshui");
        await using TestHost host = await NoticeDesk.StartAsync([NoticeDesk.Webhook("duty", url)]);
        await NoticeDesk.PostAsync(host, NoticeDesk.Notice(1), NoticeDesk.Notice(2), NoticeDesk.Notice(3));
        await NoticeDesk.WaitForAsync(host, n => n.Any(e => e.Deliveries[0].Attempts >= 1), Within);

        await host.RestartAsync();
        await using WebhookSink sink = await WebhookSink.StartAsync(port);
        IReadOnlyList<NoticeEntry> stored = await NoticeDesk.WaitForAsync(host, n => NoticeDesk.AllDelivered(n, 3), Within);

        Assert.True(NoticeDesk.AllDelivered(stored, 3));
        Assert.Equal(["1", "2", "3"], sink.Requests.Select(r => r.NoticeId));
    }

    [Fact]
    public async Task PostAsync_ReceiverHoldingItsAnswer_ReturnsAtOnce_AndOtherReceiversStillGetEverything()
    {
        await using WebhookSink slow = await WebhookSink.StartAsync(hold: true);
        await using WebhookSink fast = await WebhookSink.StartAsync();
        await using TestHost host = await NoticeDesk.StartAsync([NoticeDesk.Webhook("slow", slow.Url, timeout: TimeSpan.FromMinutes(2)), NoticeDesk.Webhook("fast", fast.Url)]);
        await NoticeDesk.PostAsync(host, NoticeDesk.Notice(1));
        await slow.WaitForAsync(r => r.Length >= 1, Within);

        // The slow receiver holds its first answer until released: posting four more returns all the same (a post that
        // waited for it would time out here rather than hang the run).
        await NoticeDesk.PostAsync(host, [.. Enumerable.Range(2, 4).Select(i => NoticeDesk.Notice(i))]).WaitAsync(Within, TestContext.Current.CancellationToken);
        WebhookSink.Received[] fastGot = await fast.WaitForAsync(r => r.Length >= 5, Within);

        Assert.Single(slow.Requests);
        Assert.Equal(["1", "2", "3", "4", "5"], fastGot.Select(r => r.NoticeId));
        IReadOnlyList<NoticeEntry> stored = await NoticeDesk.Store(host).ListNoticesAsync(new NoticeQuery(10), TestContext.Current.CancellationToken);
        Assert.All(stored, n => Assert.Equal(DeliveryState.Pending, n.Deliveries.Single(d => d.Receiver == "slow").State));

        slow.Release();
        stored = await NoticeDesk.WaitForAsync(host, n => NoticeDesk.AllDelivered(n, 5), Within);
        Assert.True(NoticeDesk.AllDelivered(stored, 5));
    }

    [Fact]
    public async Task Receiver_OrganisationsAndKinds_TakesOnlyItsOwnNotices()
    {
        await using WebhookSink hunan = await WebhookSink.StartAsync();
        await using TestHost host = await NoticeDesk.StartAsync(
            [NoticeDesk.Webhook("hunan-incidents", hunan.Url, organisations: ["hunan"], kinds: ["alert.*"])]);

        await NoticeDesk.PostAsync(host, NoticeDesk.Notice(1, "jiangxi"), NoticeDesk.Notice(2, "hunan"), NoticeDesk.Notice(3),
            NoticeDesk.Notice(4, "hunan") with { Kind = "incident.opened" });
        IReadOnlyList<NoticeEntry> stored = await NoticeDesk.WaitForAsync(host, n => n.Count == 4 && n.All(e => e.Deliveries.All(d => d.State == DeliveryState.Delivered)), Within);

        Assert.Equal([0, 1, 1, 0], stored.OrderBy(n => n.Notice.Id).Select(n => n.Deliveries.Count));
        Assert.Equal(["alert/2", "alert/3"], (await hunan.WaitForAsync(r => r.Length >= 2, Within))
            .Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("reference").GetString()));
    }

    [Fact]
    public async Task Delivery_AttemptsRunOut_IsGivenUpAndTheNextNoticeIsTried()
    {
        int port = WebhookSink.FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/hooks/qingshui");
        await using TestHost host = await NoticeDesk.StartAsync([NoticeDesk.Webhook("duty", url)], NoticeDesk.Quick with { MaxAttempts = 2 });

        await NoticeDesk.PostAsync(host, NoticeDesk.Notice(1), NoticeDesk.Notice(2));
        IReadOnlyList<NoticeEntry> stored = await NoticeDesk.WaitForAsync(host, n => n.Count == 2 && n.All(e => e.Deliveries[0].State == DeliveryState.GivenUp), Within);

        Assert.All(stored, n => Assert.Equal((DeliveryState.GivenUp, 2), (n.Deliveries[0].State, n.Deliveries[0].Attempts)));
    }
}
