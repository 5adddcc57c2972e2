using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Domain.Audit;
using Qingshui.Server.Api;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Notices;

namespace Qingshui.Server.Tests.Notices;

public sealed class NoticesApiTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A server whose one webhook is <paramref name="url"/>, with members of both provinces and the joint office, and three notices: Hunan's, Jiangxi's, everyone's.</summary>
    private static async Task<TestHost> StartAsync(Uri url, DeliveryPolicyChoice policy = DeliveryPolicyChoice.Quick)
    {
        TestHost host = await NoticeDesk.StartAsync([NoticeDesk.Webhook("duty", url)],
            policy == DeliveryPolicyChoice.OneAttempt ? NoticeDesk.Quick with { MaxAttempts = 1 } : NoticeDesk.Quick,
            o => o with { PublicRead = TestHost.DefaultPublicRead });
        await Members.AddAsync(host, "hn-viewer", "hunan", Role.Viewer);
        await Members.AddAsync(host, "hn-coordinator", "hunan", Role.Coordinator);
        await Members.AddAsync(host, "jx-admin", "jiangxi", Role.Admin);
        await Members.AddAsync(host, "office-viewer", "joint-office", Role.Viewer);
        await NoticeDesk.PostAsync(host, NoticeDesk.Notice(1, "hunan"), NoticeDesk.Notice(2, "jiangxi"), NoticeDesk.Notice(3));
        return host;
    }

    internal enum DeliveryPolicyChoice
    {
        Quick,
        OneAttempt,
    }

    [Fact]
    public async Task List_HunanMember_SeesHunansAndEveryonesNotices_WithDeliveryPerReceiver_NotJiangxis()
    {
        await using WebhookSink sink = await WebhookSink.StartAsync();
        await using TestHost host = await StartAsync(sink.Url);
        await NoticeDesk.WaitForAsync(host, n => NoticeDesk.AllDelivered(n, 3), Within);
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");

        JsonElement page = await (await viewer.GetAsync("/api/v1/notices", Ct)).BodyAsync();

        Assert.Equal("hunan", page.GetProperty("scope").GetString());
        JsonElement[] notices = [.. page.GetProperty("notices").EnumerateArray()];
        Assert.Equal(["alert/3", "alert/1"], notices.Select(n => n.GetProperty("reference").GetString()));
        Assert.All(notices, n => Assert.Equal("delivered", n.GetProperty("state").GetString()));
        JsonElement delivery = Assert.Single(notices[0].GetProperty("deliveries").EnumerateArray());
        Assert.Equal(("duty", "delivered", 1, 200), (delivery.GetProperty("receiver").GetString(), delivery.GetProperty("state").GetString(),
            delivery.GetProperty("attempts").GetInt32(), delivery.GetProperty("lastAttempt").GetProperty("statusCode").GetInt32()));
        long jiangxis = (await NoticeDesk.Store(host).ListNoticesAsync(new NoticeQuery(10, "jiangxi"), Ct)).Single(n => n.Notice.Reference == "alert/2").Notice.Id;
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/api/v1/notices/{jiangxis}", Ct)).StatusCode);
    }

    [Fact]
    public async Task List_JointOffice_SeesEveryNotice_AndOneShowsEveryAttempt()
    {
        await using WebhookSink sink = await WebhookSink.StartAsync(status: n => n == 1 ? 503 : 200);
        await using TestHost host = await StartAsync(sink.Url);
        await NoticeDesk.WaitForAsync(host, n => NoticeDesk.AllDelivered(n, 3), Within);
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-viewer");

        JsonElement page = await (await office.GetAsync("/api/v1/notices", Ct)).BodyAsync();
        long first = page.GetProperty("notices").EnumerateArray().Last().GetProperty("id").GetInt64();
        JsonElement one = await (await office.GetAsync($"/api/v1/notices/{first}", Ct)).BodyAsync();

        Assert.Equal("all", page.GetProperty("scope").GetString());
        Assert.Equal(3, page.GetProperty("notices").GetArrayLength());
        JsonElement[] history = [.. one.GetProperty("deliveries")[0].GetProperty("history").EnumerateArray()];
        Assert.Equal([(false, 503, "answered HTTP 503"), (true, 200, null)],
            history.Select(a => (a.GetProperty("delivered").GetBoolean(), a.GetProperty("statusCode").GetInt32(), a.GetProperty("error").GetString())));
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=201", "limit")]
    [InlineData("?before=abc", "before")]
    [InlineData("?state=lost", "state")]
    public async Task List_BadQuery_IsAProblemNamingTheField(string query, string field)
    {
        await using WebhookSink sink = await WebhookSink.StartAsync();
        await using TestHost host = await StartAsync(sink.Url);
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");

        HttpResponseMessage response = await viewer.GetAsync("/api/v1/notices" + query, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.BodyAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task List_Undelivered_ShowsOnlyNoticesSomeReceiverHasNotTaken()
    {
        int port = WebhookSink.FreePort();
        await using TestHost host = await StartAsync(new Uri($"http://127.0.0.1:{port}/hooks/qingshui"), DeliveryPolicyChoice.OneAttempt);
        await NoticeDesk.WaitForAsync(host, n => n.Count == 3 && n.All(e => e.Deliveries[0].State == DeliveryState.GivenUp), Within);
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "hn-coordinator");

        JsonElement page = await (await coordinator.GetAsync("/api/v1/notices?state=undelivered", Ct)).BodyAsync();

        Assert.Equal(["given-up", "given-up"], page.GetProperty("notices").EnumerateArray().Select(n => n.GetProperty("state").GetString()));
        Assert.Equal("could not be reached (ConnectionRefused)",
            page.GetProperty("notices")[0].GetProperty("deliveries")[0].GetProperty("lastAttempt").GetProperty("error").GetString());
    }

    [Fact]
    public async Task Retry_GivenUpNotice_CoordinatorSendsItAgainOnce_AuditedWithBeforeAndAfter()
    {
        // Given a notice given up while its receiver was down, and the receiver back
        int port = WebhookSink.FreePort();
        await using TestHost host = await StartAsync(new Uri($"http://127.0.0.1:{port}/hooks/qingshui"), DeliveryPolicyChoice.OneAttempt);
        IReadOnlyList<NoticeEntry> given = await NoticeDesk.WaitForAsync(host, n => n.Count == 3 && n.All(e => e.Deliveries[0].State == DeliveryState.GivenUp), Within);
        long hunans = given.Single(n => n.Notice.Reference == "alert/1").Notice.Id;
        await using WebhookSink sink = await WebhookSink.StartAsync(port);
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "hn-coordinator");

        // When the coordinator asks for it again
        HttpResponseMessage response = await coordinator.PostAsync($"/api/v1/notices/{hunans}/retry", null, Ct);
        WebhookSink.Received[] received = await sink.WaitForAsync(r => r.Length >= 1, Within);
        IReadOnlyList<NoticeEntry> after = await NoticeDesk.WaitForAsync(host, n => n.Single(e => e.Notice.Id == hunans).Deliveries[0].State == DeliveryState.Delivered, Within);

        // Then that notice alone is sent, once, and the act is in the audit log
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("pending", (await response.BodyAsync()).GetProperty("deliveries")[0].GetProperty("state").GetString());
        Assert.Equal([hunans.ToString(System.Globalization.CultureInfo.InvariantCulture)], received.Select(r => r.NoticeId));
        Assert.Equal(2, after.Count(n => n.Deliveries[0].State == DeliveryState.GivenUp));
        AuditRecord last = (await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 1000, Ct))[^1].Record;
        Assert.Equal(("hn-coordinator", "hunan", NoticesApi.RetryAction, $"notice/{hunans}", AuditOutcome.Done),
            (last.Actor, last.Organisation, last.Action, last.Target, last.Outcome));
        Assert.Equal(("{\"duty\":\"given-up\"}", "{\"duty\":\"pending\"}"), (last.Before, last.After));
    }

    [Fact]
    public async Task Retry_EveryReceiverHasIt_Is409_AndTheRefusalIsAudited()
    {
        await using WebhookSink sink = await WebhookSink.StartAsync();
        await using TestHost host = await StartAsync(sink.Url);
        IReadOnlyList<NoticeEntry> notices = await NoticeDesk.WaitForAsync(host, n => NoticeDesk.AllDelivered(n, 3), Within);
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "hn-coordinator");

        HttpResponseMessage response = await coordinator.PostAsync($"/api/v1/notices/{notices[0].Notice.Id}/retry", null, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("every receiver has taken", (await response.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        AuditRecord last = (await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 1000, Ct))[^1].Record;
        Assert.Equal((NoticesApi.RetryAction, AuditOutcome.Refused), (last.Action, last.Outcome));
        Assert.Equal(3, sink.Requests.Count);
    }

    [Fact]
    public async Task Retry_WithoutTheAntiforgeryHeader_Is403AndLeavesTheNoticeGivenUp()
    {
        int port = WebhookSink.FreePort();
        await using TestHost host = await StartAsync(new Uri($"http://127.0.0.1:{port}/hooks/qingshui"), DeliveryPolicyChoice.OneAttempt);
        IReadOnlyList<NoticeEntry> given = await NoticeDesk.WaitForAsync(host, n => n.Count == 3 && n.All(e => e.Deliveries[0].State == DeliveryState.GivenUp), Within);
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "hn-coordinator");
        coordinator.DefaultRequestHeaders.Remove(Qingshui.Server.Accounts.AccessProblems.AntiforgeryHeader);

        HttpResponseMessage response = await coordinator.PostAsync($"/api/v1/notices/{given[0].Notice.Id}/retry", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        NoticeEntry after = (await NoticeDesk.Store(host).FindNoticeAsync(given[0].Notice.Id, Ct))!;
        Assert.Equal((DeliveryState.GivenUp, 1), (after.Deliveries[0].State, after.Deliveries[0].Attempts));
    }

    [Fact]
    public async Task NoticesEventsAndLogs_NeverShowTheReceiversSecretOrAddress()
    {
        await using WebhookSink sink = await WebhookSink.StartAsync(status: n => n == 1 ? 500 : 200);
        await using TestHost host = await StartAsync(sink.Url);
        await NoticeDesk.WaitForAsync(host, n => NoticeDesk.AllDelivered(n, 3), Within);
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-viewer");

        string list = await (await office.GetAsync("/api/v1/notices", Ct)).Content.ReadAsStringAsync(Ct);
        string ones = string.Concat(await Task.WhenAll((await NoticeDesk.Store(host).ListNoticesAsync(new NoticeQuery(10), Ct))
            .Select(async n => await (await office.GetAsync($"/api/v1/notices/{n.Notice.Id}", Ct)).Content.ReadAsStringAsync(Ct))));
        string logs = string.Join('\n', host.Logs.Entries.Select(e => e.Message));

        Assert.Contains("\"receiver\":\"duty\"", list, StringComparison.Ordinal);
        Assert.Contains("Notice #", logs, StringComparison.Ordinal);
        Assert.All(new[] { list, ones, logs }, text =>
        {
            Assert.DoesNotContain(NoticeDesk.Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("robot-token-not-to-be-shown", text, StringComparison.Ordinal);
            Assert.DoesNotContain(sink.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Post_ShowsTheNoticeOnTheLiveFeedAtOnce()
    {
        await using WebhookSink sink = await WebhookSink.StartAsync(hold: true);
        await using TestHost host = await NoticeDesk.StartAsync([NoticeDesk.Webhook("duty", sink.Url)]);
        await Members.AddAsync(host, "hn-viewer", "hunan", Role.Viewer);
        // Notices go on the live feed to members only (a stream opened without sign-in never carries them).
        using HttpClient client = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        using HttpResponseMessage response = await client.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        Assert.Equal(": connected", await reader.ReadLineAsync(Ct));

        await NoticeDesk.PostAsync(host, NoticeDesk.Notice(9, "hunan"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Within);
        string? line;
        do
        {
            line = await reader.ReadLineAsync(timeout.Token);
        }
        while (line is not null && line != "event: notice");

        JsonElement data = JsonDocument.Parse((await reader.ReadLineAsync(timeout.Token))!["data: ".Length..]).RootElement;
        Assert.Equal(("alert/9", "pending", "duty"), (data.GetProperty("reference").GetString(), data.GetProperty("state").GetString(),
            data.GetProperty("deliveries")[0].GetProperty("receiver").GetString()));
    }
}
