using Qingshui.Domain.Alerts;
using Qingshui.Server.Alerts;

namespace Qingshui.Server.Incidents;

/// <summary>Opens or joins incidents as alerts are raised; a cleared alert changes no incident (people close them).</summary>
internal sealed class IncidentListener(IncidentDesk desk) : IAlertListener
{
    public async ValueTask AlertChangedAsync(Alert alert, bool raised, CancellationToken cancellationToken)
    {
        if (raised)
        {
            await desk.AlertRaisedAsync(alert, cancellationToken);
        }
    }
}
