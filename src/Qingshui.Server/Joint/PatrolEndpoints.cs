using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>River chiefs, patrols, findings and enforcement cases: their services, report sections and endpoints.</summary>
internal static class PatrolEndpoints
{
    public static IServiceCollection AddPatrols(this IServiceCollection services, IPatrolStore store)
    {
        services.AddSingleton(store);
        services.AddSingleton<PatrolDesk>();
        services.AddSingleton<IJointReportSource, PatrolReportSource>();
        services.AddSingleton<IJointReportSource, FindingReportSource>();
        services.AddSingleton<IJointReportSource, CaseReportSource>();
        return services;
    }

    public static void MapPatrolApis(this IEndpointRouteBuilder routes)
    {
        routes.MapRiverChiefsApi();
        routes.MapPatrolsApi();
        routes.MapFindingsApi();
        routes.MapCasesApi();
    }
}
