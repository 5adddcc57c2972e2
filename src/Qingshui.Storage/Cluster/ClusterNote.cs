namespace Qingshui.Storage.Cluster;

/// <summary>
/// A change one node made that the others keep state of (a station's registration or key, an account, a token), or an
/// event for their dashboards that only the node making it raised (an alert, an incident, a notice). Small: the
/// receivers read what changed from the store; an event carries its JSON.
/// </summary>
/// <param name="Kind">What changed, a short word the server defines (e.g. <c>station</c>, <c>live</c>).</param>
/// <param name="Subject">Which one (a station's MN, a user's name, an event's type).</param>
/// <param name="Data">What goes with it, if anything (an event's JSON).</param>
public sealed record ClusterNote(string Kind, string Subject, string? Data = null);
