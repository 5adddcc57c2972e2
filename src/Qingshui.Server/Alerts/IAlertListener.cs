using Qingshui.Domain.Alerts;

namespace Qingshui.Server.Alerts;

/// <summary>
/// Told of each alert after the store has it raised or cleared, in order, on the alert monitor's own task. A listener
/// queues slow work (delivery, I/O beyond the store) rather than doing it here; a throw is logged and watching goes on.
/// </summary>
internal interface IAlertListener
{
    /// <param name="alert">The alert as stored (with its id; <see cref="Alert.ClearedAt"/> set when cleared).</param>
    /// <param name="raised">True when raised, false when cleared.</param>
    ValueTask AlertChangedAsync(Alert alert, bool raised, CancellationToken cancellationToken);
}
