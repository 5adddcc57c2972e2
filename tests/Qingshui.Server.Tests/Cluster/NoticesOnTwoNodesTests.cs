using Qingshui.Server.Notices;
using Qingshui.Server.Tests.Notices;
using Qingshui.Storage.Notices;
using Qingshui.Testing;

namespace Qingshui.Server.Tests.Cluster;

/// <summary>Two servers on one PostgreSQL database with the same receiver: one node delivers, so nothing arrives twice.</summary>
public sealed class NoticesOnTwoNodesTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task NoticesPostedOnBothNodes_AreEachDeliveredOnce()
    {
        await using WebhookSink sink = await WebhookSink.StartAsync();
        string database = await PostgresCluster.CreateDatabaseAsync();
        string files = Directory.CreateTempSubdirectory("qingshui-notices-").FullName;
        Func<ServerOptions, ServerOptions> shared = o => o with { DatabasePath = database, FilesDirectory = files };
        await using (TestHost a = await NoticeDesk.StartAsync([NoticeDesk.Webhook("duty", sink.Url)], configure: shared))
        await using (TestHost b = await NoticeDesk.StartAsync([NoticeDesk.Webhook("duty", sink.Url)], configure: shared))
        {
            await NoticeDesk.PostAsync(a, [.. Enumerable.Range(1, 3).Select(i => NoticeDesk.Notice(i, "hunan"))]);
            await NoticeDesk.PostAsync(b, [.. Enumerable.Range(4, 3).Select(i => NoticeDesk.Notice(i, "jiangxi"))]);

            IReadOnlyList<NoticeEntry> stored = await NoticeDesk.WaitForAsync(b, n => NoticeDesk.AllDelivered(n, 6), Within);
            await Task.Delay(TimeSpan.FromSeconds(6), TestContext.Current.CancellationToken);

            Assert.Equal(6, stored.Count);
            Assert.Equal(6, sink.Requests.Count);
            Assert.Equal(6, sink.Requests.Select(r => r.NoticeId).Distinct().Count());
        }

        Directory.Delete(files, recursive: true);
    }
}
