using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Notices;

namespace Qingshui.Server.Tests.Api;

// The notices' rows: reads for members, the retry for a coordinator or an admin.
public sealed partial class AuthorizationMatrixTests
{
    [Theory]
    [InlineData("/api/v1/notices")]
    [InlineData("/api/v1/notices/1")]
    public async Task NoticeRead_Anonymous401_Viewer200(string path)
    {
        await using TestHost host = await NoticeDesk.StartAsync([]);
        await Members.AddAsync(host, "hn-viewer", "hunan", Role.Viewer);
        await NoticeDesk.PostAsync(host, NoticeDesk.Notice(1, "hunan"));
        using HttpClient anonymous = Members.Client(host);
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");

        HttpResponseMessage open = await anonymous.GetAsync(path, TestContext.Current.CancellationToken);
        HttpResponseMessage signedIn = await viewer.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (open.StatusCode, signedIn.StatusCode));
    }

    [Fact]
    public async Task RetryNotice_Anonymous401_Viewer403_Operator403_Coordinator202_Admin202()
    {
        int port = WebhookSink.FreePort();
        await using TestHost host = await NoticeDesk.StartAsync([NoticeDesk.Webhook("duty", new Uri($"http://127.0.0.1:{port}/hooks/qingshui"))],
            NoticeDesk.Quick with { MaxAttempts = 1 });
        await Members.AddAsync(host, "hn-viewer", "hunan", Role.Viewer);
        await Members.AddAsync(host, "hn-operator", "hunan", Role.Operator);
        await Members.AddAsync(host, "hn-coordinator", "hunan", Role.Coordinator);
        await Members.AddAsync(host, "hn-admin", "hunan", Role.Admin);
        await NoticeDesk.PostAsync(host, NoticeDesk.Notice(1, "hunan"));
        await NoticeDesk.WaitForAsync(host, n => n.Count == 1 && n[0].Deliveries[0].State == Storage.Notices.DeliveryState.GivenUp, TimeSpan.FromSeconds(20));
        var clients = new Dictionary<string, HttpClient> { ["anonymous"] = Members.Client(host) };
        foreach (string name in new[] { "hn-viewer", "hn-operator", "hn-coordinator", "hn-admin" })
        {
            clients[name] = await LedgerDesk.SignedInAsync(host, name);
        }

        var answers = new List<HttpStatusCode>();
        foreach ((string _, HttpClient client) in clients)
        {
            answers.Add((await client.PostAsync("/api/v1/notices/1/retry", null, TestContext.Current.CancellationToken)).StatusCode);

            // Each retry makes it pending again; let the one attempt fail so the next caller has something to retry.
            await NoticeDesk.WaitForAsync(host, n => n[0].Deliveries[0].State == Storage.Notices.DeliveryState.GivenUp, TimeSpan.FromSeconds(20));
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Accepted, HttpStatusCode.Accepted], answers);
        var entries = await host.Server.Services.GetRequiredService<Storage.Audit.IAuditStore>().ReadAsync(0, 1000, TestContext.Current.CancellationToken);
        Assert.Equal([("hn-viewer", Domain.Audit.AuditOutcome.Refused), ("hn-operator", Domain.Audit.AuditOutcome.Refused),
            ("hn-coordinator", Domain.Audit.AuditOutcome.Done), ("hn-admin", Domain.Audit.AuditOutcome.Done)],
            entries.Where(e => e.Record.Action == "notice.retry").Select(e => (e.Record.Actor, e.Record.Outcome)));
        foreach (HttpClient client in clients.Values)
        {
            client.Dispose();
        }
    }
}
