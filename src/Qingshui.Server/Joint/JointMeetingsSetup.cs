using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Storage;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>Wires joint meetings, decisions, attachments, receipts, the calendar reminder and the yearly report.</summary>
internal static class JointMeetingsSetup
{
    public static IServiceCollection AddJointMeetings(this IServiceCollection services, IPlatformStore store)
    {
        services.AddSingleton<IMeetingStore>(store).AddSingleton<IAttachmentStore>(store).AddSingleton<IReceiptStore>(store);
        services.AddSingleton<AttachmentFiles>().AddSingleton<JointOrganisations>().AddSingleton<MeetingReminder>();
        services.AddHostedService(sp => sp.GetRequiredService<MeetingReminder>());
        services.AddSingleton<IJointReportSource, MeetingsReportSource>();
        services.AddSingleton<IJointReportSource, DecisionsReportSource>();
        services.AddSingleton<IJointReportSource, IncidentsReportSource>();
        return services;
    }

    public static IEndpointRouteBuilder MapJointMeetings(this IEndpointRouteBuilder routes)
    {
        routes.MapMeetingsApi();
        routes.MapDecisionsApi();
        routes.MapAttachmentsApi();
        routes.MapAttachmentListApi();
        routes.MapCalendarApi();
        routes.MapJointReportApi();
        return routes;
    }
}
