using System.Collections.Concurrent;
using Qingshui.Hj212;

namespace Qingshui.Server.Commands;

/// <summary>
/// Which open connection reaches each station: the latest one on which a packet of the station passed its MN and
/// password checks (a logger that reconnects replaces its old link at once), removed when that connection closes. A
/// gateway carrying several stations over one connection is the link of each of them.
/// </summary>
internal sealed class StationConnections
{
    private readonly ConcurrentDictionary<string, Route> _routes = new(StringComparer.Ordinal);

    /// <summary>A station's packet passed its checks on <paramref name="link"/>, in system <paramref name="systemCode"/> (ST).</summary>
    public void Attach(string deviceId, string systemCode, StationLink link)
    {
        // Answers (9011, 9012) come in ST 91, which says nothing of the station's own system: keep the one known.
        bool interaction = string.Equals(systemCode, SystemCode.SystemInteraction, StringComparison.Ordinal);
        _routes.TryGetValue(deviceId, out Route? current);
        if (interaction)
        {
            systemCode = current?.SystemCode ?? SystemCode.SurfaceWater;
        }

        // Once per station and connection in the common case: a packet on the same link changes nothing.
        if (current is not null && current.Link == link && string.Equals(current.SystemCode, systemCode, StringComparison.Ordinal))
        {
            return;
        }

        _routes[deviceId] = new Route(link, systemCode);
        link.Serves(deviceId);
        if (current?.Link != link)
        {
            Connected?.Invoke(deviceId);
        }
    }

    /// <summary>A station has a new route (it connected, or reconnected); handlers must return at once.</summary>
    public event Action<string>? Connected;

    /// <summary>The connection closed: every station it was the link of is unreachable until it connects again.</summary>
    public void Detach(StationLink link)
    {
        foreach (string deviceId in link.Served)
        {
            // Only if still this link's: a station that reconnected elsewhere keeps its new route.
            if (_routes.TryGetValue(deviceId, out Route? route) && route.Link == link)
            {
                _routes.TryRemove(new KeyValuePair<string, Route>(deviceId, route));
            }
        }
    }

    /// <summary>The station's link and the ST it speaks, or <c>null</c> when it has no open connection.</summary>
    public Route? Find(string deviceId) => _routes.TryGetValue(deviceId, out Route? route) && !route.Link.IsClosed ? route : null;

    internal sealed record Route(StationLink Link, string SystemCode);
}
