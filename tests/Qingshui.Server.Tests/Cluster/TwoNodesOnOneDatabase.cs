using Qingshui.Testing;

namespace Qingshui.Server.Tests.Cluster;

/// <summary>
/// Two whole servers, node A and node B, on one new database of the tests' PostgreSQL cluster, sharing one files
/// folder, as two nodes behind a load balancer would.
/// </summary>
public abstract class TwoNodesOnOneDatabase : IAsyncLifetime
{
    private readonly string _files = Directory.CreateTempSubdirectory("qingshui-nodes-").FullName;

    internal TestHost A { get; private set; } = null!;

    internal TestHost B { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        string database = await PostgresCluster.CreateDatabaseAsync();
        A = await TestHost.StartAsync(configure: o => o with { DatabasePath = database, FilesDirectory = _files, NodeName = "node-a" });
        B = await TestHost.StartAsync(configure: o => o with { DatabasePath = database, FilesDirectory = _files, NodeName = "node-b" });
        await SetUpAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        Directory.Delete(_files, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>What a test class needs once both nodes run (members, stations).</summary>
    private protected virtual Task SetUpAsync() => Task.CompletedTask;
}
