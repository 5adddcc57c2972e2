using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qingshui.Server.Ingest;
using Qingshui.Storage.Cluster;
using Qingshui.Storage.Postgres;

namespace Qingshui.Server.Cluster;

/// <summary>
/// Wires the seams that let several nodes share one database: on PostgreSQL, the LISTEN/NOTIFY commit feed and
/// advisory job locks; on SQLite (one writer, one node), the single-node ones, which change nothing.
/// </summary>
internal static class ClusterSetup
{
    public static IServiceCollection AddCluster(this IServiceCollection services, ServerOptions options, TimeProvider clock)
    {
        if (PlatformStores.IsPostgres(options.DatabasePath))
        {
            // The feed's name for this node is unique even when two nodes share a host name; metrics use NodeName itself.
            string feedNode = $"{options.NodeName}/{Guid.NewGuid():N}"[..Math.Min(options.NodeName.Length + 9, 72)];
            PostgresStoreOptions database = PlatformStores.ConnectionOptions(options.DatabasePath);
            services.AddSingleton<ICommitFeed>(sp =>
            {
                ILogger<CommitFeedRelay> logger = sp.GetRequiredService<ILogger<CommitFeedRelay>>();
                return new PostgresCommitFeed(database, feedNode, e => Log.CommitFeedListenFailed(logger, e));
            });
            services.AddSingleton<IJobLock>(new PostgresJobLock(database, feedNode, clock));
        }
        else
        {
            services.AddSingleton<ICommitFeed, SingleNodeFeed>();
            services.AddSingleton<IJobLock, SingleNodeJobLock>();
        }

        // The same wiring on one node and many: only the feed and the lock differ.
        services.AddSingleton<CommitFeedPublisher>();
        services.AddSingleton<ICommittedBatchObserver>(sp => sp.GetRequiredService<CommitFeedPublisher>());
        services.AddHostedService(sp => sp.GetRequiredService<CommitFeedPublisher>());
        services.AddHostedService<CommitFeedRelay>();
        services.AddSingleton<ClusterNotes>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterNotes>());
        services.AddSingleton<ClusterNoteApplier>();
        return services;
    }
}
