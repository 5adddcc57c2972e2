using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Server.Ingest;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>Joint monitoring's services and endpoints: two stations side by side, discrepancies, joint sampling.</summary>
internal static class JointMonitoringSetup
{
    public static IServiceCollection AddJointMonitoring<TStore>(this IServiceCollection services, TStore store)
        where TStore : class, IDiscrepancyStore, ISamplingStore
    {
        services.AddSingleton<IDiscrepancyStore>(store).AddSingleton<ISamplingStore>(store);
        services.AddSingleton<StationPairReadings>().AddSingleton<SamplingComparer>().AddSingleton<DiscrepancyScan>();
        services.AddHostedService<DiscrepancyJob>();

        // Discrepancies open as the readings commit; the job above catches up after a restart.
        services.AddSingleton<DiscrepancyWatch>().AddHostedService(sp => sp.GetRequiredService<DiscrepancyWatch>());
        services.AddSingleton<ICommittedBatchObserver>(sp => new CommittedBatchObserver(sp.GetRequiredService<DiscrepancyWatch>().Post));
        services.AddSingleton<IJointReportSource, DiscrepancyReportSource>().AddSingleton<IJointReportSource, SamplingReportSource>();
        return services;
    }

    public static IEndpointRouteBuilder MapJointMonitoringApi(this IEndpointRouteBuilder routes)
    {
        routes.MapSideBySideApi();
        routes.MapDiscrepanciesApi();
        routes.MapSamplingApi();
        return routes;
    }
}
