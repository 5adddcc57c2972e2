using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Qingshui.Server.Ingest;
using Qingshui.Storage;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Server.Tests.Ingest;

public sealed class IngestQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Observers_SeeCommittedBatchesOnly_NeverAFailedOne()
    {
        string directory = Directory.CreateTempSubdirectory("qingshui-queue-").FullName;
        var options = new ServerOptions { Basin = TestHost.Preset, DatabasePath = Path.Combine(directory, "q.db") };
        var store = new GatedStore(await SqliteStore.OpenAsync(new SqliteStoreOptions(options.DatabasePath, FullSync: false), TimeProvider.System, Ct));
        var seen = new List<IngestRecord>();
        var queue = new IngestQueue(store, options, new ReadingScreen(options), [new CommittedBatchObserver(records => { lock (seen) { seen.AddRange(records); } })],
            new Server.Metrics.NodeMetrics(options, new ConnectionLimit(options)), NullLogger<IngestQueue>.Instance);
        await queue.StartAsync(Ct);
        IngestRecord first = Record("first"), failed = Record("failed"), third = Record("third");

        await await queue.EnqueueAsync(first, Ct);
        store.Fail = true;
        Task notDurable = await queue.EnqueueAsync(failed, Ct);
        await Assert.ThrowsAsync<StoreException>(() => notDurable);
        store.Fail = false;
        await await queue.EnqueueAsync(third, Ct);

        await queue.StopAsync(Ct);
        await store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        Assert.Equal([first, third], seen);
    }

    private static IngestRecord Record(string remote) =>
        new(new RawPacket(DateTimeOffset.UtcNow, remote, null, null, PacketVerdict.Control, null, [1, 2, 3]), []);
}
