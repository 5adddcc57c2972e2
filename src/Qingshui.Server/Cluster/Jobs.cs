namespace Qingshui.Server.Cluster;

/// <summary>The jobs one node at a time runs when several share a database (names of their <see cref="Storage.Cluster.IJobLock"/> locks).</summary>
internal static class Jobs
{
    public const string Ledger = "ledger";
    public const string Alerts = "alerts";
    public const string SplitExpiry = "split-expiry";
    public const string IncidentEscalation = "incident-escalation";
    public const string Notices = "notices";
}
